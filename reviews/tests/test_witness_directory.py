"""The witness directory pages by a stored key: each witness's name in lower case (the person's,
or the organisation's) and, for an organisation not yet naming its speaker, the organisation.
save() keeps it, a rename of the person follows, and refresh_directory_keys() (for rows
inserted in bulk, and the data migration) works it out the same way. On PostgreSQL the
directory's queries reach the witnesses through the index on that key, never reading them all."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import Witness
from reviews.tests.factories import ActivityPartFactory, WitnessFactory
from reviews.tests.helpers import page_text
from reviews.views.programmes import APPEARANCES_SHOWN
from scraip.councils.models import Person
from scraip.councils.services import person_save
from scraip.councils.tests.factories import PersonFactory
from scraip.followup.tests.test_query_plans import INDEXED, plan_of

pytestmark = pytest.mark.django_db


def witness_person(name: str, **fields) -> Person:
    return PersonFactory(name=name, kind="witness", authority=None, **fields)


def directory(client, **query) -> str:
    return page_text(client.get(reverse("reviews:witness_directory"), query))


def positions(text: str, names: list[str]) -> list[int]:
    return [text.index(name) for name in names]


@pytest.fixture
def part(joint_review):
    return ActivityPartFactory(activity__review=joint_review)


def test_entries_come_in_name_order_and_a_renamed_person_moves(client, kent_officer, part):
    zara = witness_person("Zara Adams")
    WitnessFactory(part=part, person=zara)
    WitnessFactory(part=part, person=witness_person("mike Brown"))
    WitnessFactory(part=part, person=None, organisation="Local Government Association")
    client.force_login(kent_officer)
    text = directory(client)
    names = ["Local Government Association", "mike Brown", "Zara Adams"]
    assert positions(text, names) == sorted(positions(text, names))
    zara.name = "Aaron Zed"
    person_save(person=zara)
    assert Witness.objects.get(person=zara).directory_name == "aaron zed"
    text = directory(client)
    names = ["Aaron Zed", "Local Government Association", "mike Brown"]
    assert positions(text, names) == sorted(positions(text, names))


def test_one_entry_a_person_or_organisation_and_two_for_namesakes(client, kent_officer, part):
    first, second = witness_person("Sam Jones"), witness_person("Sam Jones")
    for person in (first, first, second):
        WitnessFactory(part=part, person=person)
    for _ in range(2):
        WitnessFactory(part=part, person=None, organisation="Kent Police")
    WitnessFactory(part=part, person=None, organisation="kent police")  # another spelling
    client.force_login(kent_officer)
    text = directory(client)
    assert "4 witnesses" in text
    assert text.count("Sam Jones") == 2
    # A person and an organisation of the same name are two entries too.
    WitnessFactory(part=part, person=witness_person("Kent Police"))
    assert "5 witnesses" in directory(client)


def test_pages_follow_the_stored_order(client, kent_officer, part):
    for number in range(30):
        WitnessFactory(part=part, person=witness_person(f"Witness {number:02}"))
    client.force_login(kent_officer)
    first, second = directory(client), directory(client, page=2)
    assert "30 witnesses" in first
    assert "Witness 00" in first and "Witness 24" in first and "Witness 25" not in first
    assert "Witness 25" in second and "Witness 29" in second and "Witness 24" not in second


def test_refreshing_the_keys_gives_what_save_gives(part):
    WitnessFactory(part=part, person=witness_person("Dr Ada Lovelace"))
    WitnessFactory(part=part, person=None, organisation="NHS Kent and Medway")
    WitnessFactory(part=part, person=witness_person("Élodie Durand"))
    saved = sorted(Witness.objects.values_list(*Witness.DIRECTORY_KEY), key=str)
    assert ("dr ada lovelace", Witness.objects.first().person_id, "") in saved
    assert ("nhs kent and medway", None, "NHS Kent and Medway") in saved
    assert "élodie durand" in {key[0] for key in saved}  # as Python lowers it, on any database
    Witness.objects.update(directory_name="", directory_organisation="")
    assert Witness.objects.refresh_directory_keys() == 3
    assert sorted(Witness.objects.values_list(*Witness.DIRECTORY_KEY), key=str) == saved
    assert Witness.objects.refresh_directory_keys() == 0  # nothing left to change


# As the generated network's directory: about ten appearances a witness, each with a role and
# the subjects they spoke on (rows as wide, so the planner prices reading them whole as there).
WITNESSES, APPEARANCES = 600, 10
SPOKE_ON = {"role": "Head of Strategic Partnerships", "topics": "governance, shared services"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_the_directory_reads_witnesses_through_its_index(client, kent_officer, joint_review):
    part = ActivityPartFactory(activity__review=joint_review)
    people = Person.objects.bulk_create(
        Person(name=f"Witness {number:05}", kind="witness") for number in range(WITNESSES // 2)
    )
    witnesses = [
        Witness(part=part, person=person, **SPOKE_ON)
        for person in people
        for _ in range(APPEARANCES)
    ] + [
        Witness(part=part, organisation=f"Body {number:05}", **SPOKE_ON)
        for number in range(WITNESSES // 2)
        for _ in range(APPEARANCES)
    ]
    for witness in witnesses:
        witness.set_directory_key()
    Witness.objects.bulk_create(witnesses)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    client.force_login(kent_officer)
    explained = 0
    for page in (1, 2, 24):
        with CaptureQueriesContext(connection) as queries:
            assert "600 witnesses" in directory(client, page=page)
        for query in queries.captured_queries:
            if '"reviews_witness"' not in query["sql"] or not query["sql"].startswith("SELECT"):
                continue
            nodes = plan_of(query["sql"])
            assert ("Seq Scan", "reviews_witness") not in nodes, query["sql"][:300]
            assert any(kind in INDEXED for kind, _ in nodes), query["sql"][:300]
            explained += 1
    assert explained >= 6  # each page's count, keys and appearances were looked at


def test_a_page_lists_each_witnesss_latest_reviews_and_links_to_them_all(
    client, kent_officer, joint_review
):
    """A witness called to many reviews shows their latest five on a page of the directory, and
    a link to their own entry, which lists every one."""

    often = witness_person("Olive Often")
    for year in range(2018, 2025):
        part = ActivityPartFactory(
            activity__review=joint_review,
            activity__title=f"Session of {year}",
            activity__planned_on=datetime.date(year, 6, 1),
        )
        WitnessFactory(part=part, person=often, role=f"role in {year}")
    client.force_login(kent_officer)
    text = directory(client)
    assert APPEARANCES_SHOWN == 5
    assert "role in 2024" in text and "role in 2020" in text and "role in 2019" not in text
    assert "See all 7 reviews Olive Often contributed to (2 earlier)" in text
    own = directory(client, witness="olive often")
    assert all(f"role in {year}" in own for year in range(2018, 2025))
    assert "See all" not in own and "Show every witness" in own
    assert "1 witness" in own


def test_each_review_links_in_full_only_for_those_who_may_open_it(
    client, officer, kent_officer, part
):
    """Maidstone leads the joint review, so its officer opens it in full; Kent takes no part,
    so its officer is sent to the summary that anyone in the network may read."""
    WitnessFactory(part=part, person=witness_person("Zara Adams"))
    review = part.activity.review
    full, summary = review.get_absolute_url(), reverse("reviews:summary", args=[review.pk])
    for user, link, not_link in ((officer, full, summary), (kent_officer, summary, full)):
        client.force_login(user)
        html = client.get(reverse("reviews:witness_directory")).content.decode()
        assert f'href="{link}"' in html
        assert f'href="{not_link}"' not in html
