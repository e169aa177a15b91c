"""What the reviews forms share: checkbox lists, labels for people and councils, and putting a
service's refusal on the form."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from scraip.common.years import municipal_year_choices
from scraip.councils.models import Authority, Person


def add_errors(form, error: ValidationError, fields: dict[str, str] | None = None) -> None:
    """Show a rule's refusal on the form: each message on its field (`fields` maps the model's
    field names to the form's where they differ), any other above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        name = (fields or {}).get(name, name)
        form.add_error(name if name in form.fields else None, errors)


def authority_label(authority: Authority) -> str:
    return authority.short_name or authority.name


def programme_year_choices() -> list[tuple[int, str]]:
    return municipal_year_choices(timezone.localdate())


def committee_choices(committees) -> list[tuple[int, str]]:
    return [(c.pk, f"{c.name} ({authority_label(c.authority)})") for c in committees]


def councillor_label(person: Person) -> str:
    group = f"{person.political_group}, " if person.political_group else ""
    return f"{person.name} ({group}{authority_label(person.authority)})"


def officer_label(person: Person) -> str:
    title = f"{person.job_title}, " if person.job_title else ""
    return f"{person.name} ({title}{authority_label(person.authority)})"


def person_label(person: Person) -> str:
    where = person.organisation or (
        authority_label(person.authority) if person.authority_id else ""
    )
    detail = ", ".join(part for part in (person.job_title, where) if part)
    return f"{person} ({detail})" if detail else str(person)
