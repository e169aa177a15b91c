"""The one soft-delete mechanism: deleting hides what depends on a record and touches nothing
else; restoring brings back what went with it."""

import pytest

from scraip.common.softdelete import restore, soft_delete
from scraip.followup.models import ProgressUpdate
from scraip.followup.tests.factories import ProgressUpdateFactory
from scraip.plans.models import ActionPlan, Recommendation

pytestmark = pytest.mark.django_db


def test_deleting_a_plan_leaves_the_links_of_rows_pointing_at_it(followed):
    """An update names the report-back it was for (a SET_NULL link). A soft delete of the plan
    must not forget it, or the restored plan's update would no longer be for its report-back."""
    update = ProgressUpdateFactory(subject=followed.item_a, report_back=followed.first)

    soft_delete(record=followed.plan)
    assert ProgressUpdate.all_objects.get(pk=update.pk).report_back_id == followed.first.pk

    restore(record=ActionPlan.all_objects.get(pk=followed.plan.pk))
    assert ProgressUpdate.objects.get(pk=update.pk).report_back_id == followed.first.pk


def test_a_row_deleted_on_its_own_stays_deleted_when_its_parent_comes_back(plan, part_a, part_b):
    soft_delete(record=part_b.recommendation)
    soft_delete(record=plan)
    assert not Recommendation.objects.filter(action_plan=plan.pk).exists()

    restore(record=ActionPlan.all_objects.get(pk=plan.pk))

    assert list(Recommendation.objects.filter(action_plan=plan.pk)) == [part_a.recommendation]
