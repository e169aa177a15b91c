"""Every vocabulary in the project carries a label and a known colour for every value.

The vocabularies are found, not listed: every installed app's models module is imported, and
every subclass of Vocabulary (at any depth) is walked. A new value
without a label, or with a colour GOV.UK has no tag for, fails here.
"""

from importlib import import_module

import pytest
from django.apps import apps
from django.utils.module_loading import module_has_submodule

from scraip.common.vocabularies import TAG_HEX, Vocabulary


def all_vocabularies() -> list[type[Vocabulary]]:
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "models"):
            import_module(f"{config.name}.models")
    found, waiting = [], list(Vocabulary.__subclasses__())
    while waiting:
        vocabulary = waiting.pop()
        found.append(vocabulary)
        waiting.extend(vocabulary.__subclasses__())
    return sorted(found, key=name_of)


def name_of(vocabulary) -> str:
    return f"{vocabulary.__module__}.{vocabulary.__qualname__}"


VOCABULARIES = all_vocabularies()


def test_the_project_has_vocabularies_to_check():
    names = {vocabulary.__qualname__ for vocabulary in VOCABULARIES}
    assert {"ActionPlan.Status", "Response.Decision"} <= names


def problems(vocabulary) -> list[str]:
    found = []
    for member in vocabulary:
        if not str(member.label).strip():
            found.append(f"{member.name} has no label")
        if member.colour not in TAG_HEX:
            found.append(f"{member.name}'s colour {member.colour!r} is not a GOV.UK tag colour")
    return found


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=name_of)
def test_every_value_has_a_label_and_a_tag_colour(vocabulary):
    assert problems(vocabulary) == []


def test_a_value_without_a_label_or_with_an_unknown_colour_is_caught():
    class Careless(Vocabulary):
        FINE = "fine", "green", "Fine"
        UNNAMED = "unnamed", "grey", " "
        MAUVE = "mauve", "mauve", "Mauve"

    assert problems(Careless) == [
        "UNNAMED has no label",
        "MAUVE's colour 'mauve' is not a GOV.UK tag colour",
    ]
