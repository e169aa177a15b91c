"""Every outcome's target keeps the last day it could mean (Outcome.save, keep_period_end):
fill it for the outcomes saved before, so that "past its target" compares with the end of
"March 2027"."""

from django.db import migrations

from scraip.common.fuzzydates import latest_day


def fill_ends(apps, schema_editor):
    Outcome = apps.get_model("partnerships", "Outcome")
    rows = Outcome._base_manager.filter(target_date__isnull=False, target_end__isnull=True)
    for outcome in rows.only("pk", "target_date", "target_precision").iterator():
        Outcome._base_manager.filter(pk=outcome.pk).update(
            target_end=latest_day(outcome.target_date, outcome.target_precision)
        )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0003_outcome_target_end")]

    operations = [migrations.RunPython(fill_ends, migrations.RunPython.noop)]
