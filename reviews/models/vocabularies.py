"""The review's statuses and the work programme's stages, each with its label, colour and order.

Adding a status is one line here: its value, colour, stage and label. The work programme's
columns, the network view, the stage filter, the tags and the "moving back needs a reason" rule
all read it from this file.
"""

from scraip.common.vocabularies import Vocabulary


class Stage(Vocabulary):
    """The three columns of a work programme, in the order they are shown."""

    PLANNED = "planned", "grey", "Planned"
    IN_PROGRESS = "in_progress", "blue", "In progress"
    REPORTED = "reported", "green", "Reported"

    @property
    def statuses(self) -> list["ReviewStatus"]:
        return [status for status in ReviewStatus if status.stage == self]


class ReviewStatus(Vocabulary):
    """A review's way from its proposal to its close, in order: `NAME = value, colour, stage,
    label`."""

    PROPOSED = "proposed", "grey", Stage.PLANNED, "Proposed"
    SCOPING = "scoping", "light-blue", Stage.PLANNED, "Scoping"
    GATHERING_EVIDENCE = "gathering_evidence", "blue", Stage.IN_PROGRESS, "Gathering evidence"
    DRAFTING_REPORT = "drafting_report", "purple", Stage.IN_PROGRESS, "Drafting report"
    REPORTED = "reported", "turquoise", Stage.REPORTED, "Reported"
    MONITORING = "monitoring", "yellow", Stage.REPORTED, "Monitoring"
    CLOSED = "closed", "green", Stage.REPORTED, "Closed"

    def __new__(cls, value: str, colour: str, stage: Stage):
        member = str.__new__(cls, value)
        member._value_ = value
        member.colour = colour
        member.stage = stage
        return member

    @classmethod
    def is_step_back(cls, from_status: str, to_status: str) -> bool:
        """Whether moving from one status to the other goes back along the way."""
        order = cls.values
        return order.index(to_status) < order.index(from_status)

    @classmethod
    def steps_back(cls) -> list[tuple[str, str]]:
        """Every (from, to) pair that moves a review back, for the database's check."""
        return [
            (from_status, to_status)
            for from_status in cls.values
            for to_status in cls.values
            if cls.is_step_back(from_status, to_status)
        ]
