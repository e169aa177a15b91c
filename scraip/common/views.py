"""What every form page does with a valid form: save it through the model or a service, and turn
a refusal into the form's own error message.

    form = PlanForm(request.POST or None, instance=plan)
    if submitted(request, form) and saved(form, lambda: services.plan_save(...)):
        messages.success(request, "Action plan saved.")
        return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form})

A stale edit (someone saved the record after the form was loaded) shows what they changed; a
workflow rule's refusal shows its message; either way the person's input stays on the form and
nothing is saved.

A button with no form (restore, publish) uses `done` instead: a refusal becomes an error
message on the page the person is sent back to.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError

from .versioning import StaleEdit, WorkflowError


def submitted(request, form) -> bool:
    """The form was posted and passes its own checks."""
    return request.method == "POST" and form.is_valid()


def saved(form, save: Callable[[], object]) -> bool:
    """Run `save`; True if it saved, False with the reason added to the form if it refused."""
    try:
        save()
    except StaleEdit as stale:
        form.report_stale_edit(stale.current)
    except WorkflowError as error:
        form.add_error(None, error.message if hasattr(error, "message") else str(error))
    except ValidationError as error:
        # The model's own checks (full_clean in the service) refused a value the form let
        # through: the message goes on the form, on the box if the form has one of that name.
        if hasattr(error, "error_dict") and hasattr(form, "_as_form_errors"):
            form.add_error(None, error)
        else:
            form.add_error(None, error.messages)
    else:
        return True
    return False


def done(request, action: Callable[[], object], refused: str = "") -> bool:
    """Run `action`; True if it went through, False with the refusal (after `refused`, if
    given) shown as an error message."""
    try:
        action()
    except WorkflowError as error:
        messages.error(request, " ".join(part for part in (refused, str(error)) if part))
        return False
    return True
