"""The review's statuses carry their label, colour and stage, in order; the stages list their
statuses, so the work programme's columns come from one place."""

from reviews.models import Review, ReviewStatus, Stage
from scraip.common.vocabularies import TAG_HEX


def test_every_status_has_a_label_a_colour_and_a_stage():
    for status in ReviewStatus:
        assert status.label and status.colour in TAG_HEX
        assert status in status.stage.statuses
    assert [status for stage in Stage for status in stage.statuses] == list(ReviewStatus)


def test_the_stages_are_the_work_programmes_columns_in_order():
    assert Stage.labels == ["Planned", "In progress", "Reported"]
    assert Stage.PLANNED.statuses == [ReviewStatus.PROPOSED, ReviewStatus.SCOPING]


def test_a_review_takes_its_colour_and_stage_from_its_status():
    review = Review(status=ReviewStatus.MONITORING)
    assert (review.status_colour, review.stage) == ("yellow", Stage.REPORTED)
    assert Review(status="withdrawn").status_colour == "grey"


def test_moving_back_is_read_from_the_order():
    assert ReviewStatus.is_step_back("scoping", "proposed")
    assert not ReviewStatus.is_step_back("proposed", "closed")
    assert ("closed", "monitoring") in ReviewStatus.steps_back()
