"""Reading a final report's recommendations as an officer pastes them.

Each recommendation starts a line with its letter or number: "A. text", "B) text", "C: text",
"Recommendation D – text", "Recommendation 4: text". A sub-part starts a line with its numeral:
"(i) text", "ii) text", "iii. text", "(a) text". Any other line carries on the item above it.
Lines before the first recommendation (a heading such as "The group recommends:") are set aside
and shown to the officer, never silently kept or lost.

Case tells "I." (recommendation I) from "i." (sub-part i), as reports print them.
"""

import re
from dataclasses import dataclass, field

RECOMMENDATION = re.compile(
    r"^(?:(?i:recommendation)\s+(?P<named>[A-Z]{1,2}|\d{1,3})(?:\s*[.):\-–—])?"
    r"|(?P<bare>[A-Z]{1,2}|\d{1,3})(?:[.):]|\s+[-–—]))(?=\s|$)\s*(?P<text>.*)$"
)
SUB_PART = re.compile(
    r"^(?:\((?P<bracketed>[ivxlc]+|[a-z])\)|(?P<bare>[ivxlc]+)[.)](?=\s|$))\s*(?P<text>.*)$"
)
LETTER_LIMIT = 4  # a letter or number of the default scheme ("A.", "12)"): longer is prose


class RecommendationTextError(ValueError):
    """The text cannot be read as recommendations; the message says which line and why."""


@dataclass
class ParsedPart:
    numeral: str
    text: str


@dataclass
class ParsedRecommendation:
    letter: str
    text: str
    parts: list[ParsedPart] = field(default_factory=list)


@dataclass
class ParsedText:
    recommendations: list[ParsedRecommendation]
    set_aside: list[str]


def parse_recommendations(text: str) -> ParsedText:
    recommendations: list[ParsedRecommendation] = []
    set_aside: list[str] = []
    current = None  # the recommendation or sub-part that a plain line continues
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(raw.split())
        if not line:
            continue
        recommendation = RECOMMENDATION.match(line)
        sub_part = SUB_PART.match(line)
        if recommendation:
            letter = (recommendation.group("named") or recommendation.group("bare")).upper()
            _check_new_letter(letter, recommendations, number)
            current = ParsedRecommendation(letter, recommendation.group("text"))
            recommendations.append(current)
        elif sub_part and recommendations:
            numeral = sub_part.group("bracketed") or sub_part.group("bare")
            owner = recommendations[-1]
            if any(part.numeral == numeral for part in owner.parts):
                raise RecommendationTextError(
                    f"Line {number}: recommendation {owner.letter} already has a sub-part "
                    f"({numeral})"
                )
            current = ParsedPart(numeral, sub_part.group("text"))
            owner.parts.append(current)
        elif sub_part:
            raise RecommendationTextError(
                f"Line {number}: sub-part ({sub_part.group('bracketed') or sub_part.group('bare')}"
                ") comes before any recommendation. Start each recommendation with its letter, "
                "such as “A.” or “Recommendation A:”"
            )
        elif current is None:
            set_aside.append(line)
        else:
            current.text = f"{current.text} {line}".strip()
    _check_complete(recommendations)
    return ParsedText(recommendations, set_aside)


def _check_new_letter(letter: str, recommendations, number: int) -> None:
    if len(letter) > LETTER_LIMIT:
        raise RecommendationTextError(f"Line {number}: “{letter}” is too long for a letter")
    if any(existing.letter == letter for existing in recommendations):
        raise RecommendationTextError(f"Line {number}: there are two recommendations {letter}")


def _check_complete(recommendations: list[ParsedRecommendation]) -> None:
    if not recommendations:
        raise RecommendationTextError(
            "No recommendations found. Start each one on a new line with its letter, such as "
            "“A. That the council…” or “Recommendation A: That the council…”"
        )
    for recommendation in recommendations:
        if not recommendation.text:
            raise RecommendationTextError(
                f"Recommendation {recommendation.letter} has no text of its own: put its words, "
                "or the words that introduce its sub-parts, after the letter"
            )
        for part in recommendation.parts:
            if not part.text:
                raise RecommendationTextError(
                    f"Sub-part ({part.numeral}) of recommendation {recommendation.letter} has "
                    "no text"
                )
