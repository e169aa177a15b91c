"""Is another council already reviewing this? (Seed 000: councils share work programmes so the
same subject is not reviewed twice.)

A proposal is compared, by its title and aim, with every review another council is running or has
run in the last three work programmes. The measure is the Jaccard similarity of the two reviews'
significant words: the words they share divided by the words either uses, after common English
words and the words every review uses ("review", "council", "scrutiny"…) are dropped.

- On PostgreSQL the words are PostgreSQL's own: full-text search (`to_tsvector('english', …)`)
  stems them ("communications" and "communicating" are one word) and finds the candidates
  sharing any of them; each candidate's shared words are counted in the same query.
- On SQLite, which has no English stemmer, the same measure is taken in Python over words cut
  to a rough stem (`stem`). It is the documented fallback; `tests/test_similarity.py` runs the
  same near-duplicates and unrelated reviews through whichever database the suite uses.

A score of SIMILAR_AT or more flags the review. Both backends are tested on the same pairs.
"""

import datetime
import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Func, IntegerField, TextField, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from .models import Review

SIMILAR_AT = 0.25
LIMIT = 5
SEARCH_CONFIG = "english"

# Common English words, and the words nearly every scrutiny review's title or aim contains.
_STOP_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either few for
    from further had has have having he her here hers herself him himself his how i if in into
    is it its itself just me more most my myself no nor not now of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up upon very was we
    were what when where which while who whom why will with within without would you your yours
    yourself yourselves whether well may might must shall us via per etc
    review reviews reviewing scrutiny scrutinise overview council councils borough county
    district authority authorities local task finish group committee committees member members
    councillor councillors officer officers consider considering examine examining explore
    look looking assess assessing understand understanding investigate aim aims purpose
    taken forward develop developed developing improve improving improvement make made help
    need needs new current future way ways work working area areas issue issues
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
# Suffix rules for the fallback's stemmer, tried in this order; the first that fits is used.
SUFFIXES = (
    ("ational", "ate"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("ions", ""),
    ("ion", ""),
    ("ances", ""),
    ("ance", ""),
    ("ences", ""),
    ("ence", ""),
    ("ments", ""),
    ("ment", ""),
    ("ness", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ers", ""),
    ("er", ""),
    ("es", ""),
    ("ed", ""),
    ("s", ""),
)


@dataclass(frozen=True)
class Match:
    review: Review
    score: float


def stem(word: str) -> str:
    """A rough English stem for the SQLite fallback: "communications", "communicated" and
    "communicating" all become "communicat"; good enough to compare two short texts, not a
    linguist's stemmer."""
    for suffix, replacement in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                break
            word = word[: -len(suffix)] + replacement
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def significant_words(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return {stem(word) for word in words if word not in STOP_WORDS and len(word) > 2}


def jaccard(first: set[str], second: set[str]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def similar_reviews(
    *,
    title: str,
    aim: str,
    lead_authority,
    exclude_pk: int | None = None,
    today: datetime.date | None = None,
) -> list[Match]:
    """The other councils' recent or running reviews most like this proposal, most alike first."""
    candidates = (
        Review.objects.recent_or_running(today or timezone.localdate())
        .exclude(lead_authority=lead_authority)
        .exclude(pk=exclude_pk)
    )
    words = significant_words(f"{title} {aim}")
    if not words:
        return []
    if connection.vendor == "postgresql":
        matches = _postgres_matches(candidates, title, aim)
    else:
        matches = _fallback_matches(candidates, words)
    matches.sort(key=lambda match: (-match.score, match.review.title))
    return matches[:LIMIT]


def _fallback_matches(candidates, words: set[str]) -> list[Match]:
    matches = []
    for review in candidates.select_related("lead_authority"):
        score = jaccard(words, significant_words(f"{review.title} {review.aim}"))
        if score >= SIMILAR_AT:
            matches.append(Match(review, score))
    return matches


def _postgres_matches(candidates, title: str, aim: str) -> list[Match]:
    """Full-text search: one query finds the candidates sharing a word and counts, for each,
    the proposal's words it contains and its own distinct words."""
    # PostgreSQL turns each word into its lexeme; words it drops as stop words match nothing.
    lexemes = sorted(set(_lexemes([title, aim])) - set(_lexemes(sorted(STOP_WORDS))))
    if not lexemes:
        return []
    queries = [SearchQuery(lexeme, config=SEARCH_CONFIG, search_type="plain") for lexeme in lexemes]
    document = SearchVector("title", "aim", config=SEARCH_CONFIG)
    shared = reduce(
        lambda total, term: total + term,
        [
            Case(When(document=query, then=Value(1)), default=Value(0), output_field=IntegerField())
            for query in queries
        ],
    )
    # The candidate's own words, less those every review uses, as the proposal's are.
    own_words = Func(
        Func(
            F("document"),
            Cast(Value(_lexemes(sorted(STOP_WORDS))), ArrayField(TextField())),
            function="ts_delete",
        ),
        function="length",
        output_field=IntegerField(),
    )
    rows = (
        candidates.annotate(document=document)
        .filter(document=reduce(or_, queries))
        .annotate(shared=shared, own=own_words)
        .annotate(
            score=Cast(F("shared"), FloatField())
            / Cast(Value(len(lexemes)) + F("own") - F("shared"), FloatField())
        )
        .filter(score__gte=SIMILAR_AT)
        .select_related("lead_authority")
    )
    return [Match(review, review.score) for review in rows]


def _lexemes(words: list[str]) -> list[str]:
    """PostgreSQL's English lexemes of these words, its own stop words dropped, each once."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT lexeme FROM unnest(to_tsvector(%s::regconfig, %s)) ORDER BY 1",
            [SEARCH_CONFIG, " ".join(words)],
        )
        return [row[0] for row in cursor.fetchall()]
