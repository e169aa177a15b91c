"""Every list filter is labelled in words: none reads "[invalid name]" (django-filter's label for
a filter whose field name it cannot resolve to a model field)."""

import importlib
import inspect

import django_filters
import pytest
from django.test import RequestFactory

from scraip.councils.models import Authority

pytestmark = pytest.mark.django_db

FILTER_MODULES = [
    "scraip.plans.filters",
    "scraip.followup.filters",
    "reviews.filters",
    "partnerships.filters",
]


def every_filterset():
    for name in FILTER_MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, django_filters.FilterSet) and cls.__module__ == name:
                yield pytest.param(cls, id=f"{name}.{cls.__name__}")


def make(filterset_class, user):
    request = RequestFactory().get("/")
    request.user = user
    parameters = inspect.signature(filterset_class.__init__).parameters
    extra = {}
    for name in parameters:
        if name in ("user", "person"):
            extra[name] = user if name == "user" else getattr(user, "person", None)
        elif name == "authorities":
            extra[name] = Authority.objects.all()
        elif name == "authority":
            extra[name] = Authority.objects.first()
    return filterset_class(data={}, request=request, **extra)


@pytest.mark.parametrize("filterset_class", list(every_filterset()))
def test_every_filter_has_a_label_in_words(filterset_class, officer):
    filterset = make(filterset_class, officer)
    form = filterset.form
    assert form.fields, filterset_class
    rendered = str(form)
    assert "[invalid name]" not in rendered
    for name, field in form.fields.items():
        label = str(field.label or "")
        assert label and "[invalid name]" not in label, (
            f"{filterset_class.__name__}.{name}: {label!r}"
        )
        assert not label[0].islower(), f"{filterset_class.__name__}.{name}: {label!r}"
