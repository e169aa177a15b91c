"""Every outcome's target keeps the last day it could mean (Outcome.save, keep_period_end):
fill it for the outcomes saved before, so that "past its target" compares with the end of
"March 2027"."""

from django.db import migrations

from scraip.common.fuzzydates import fill_period_ends


def fill_ends(apps, schema_editor):
    fill_period_ends(apps.get_model("partnerships", "Outcome"), "target_date", "target_precision", "target_end")


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0003_outcome_target_end")]

    operations = [migrations.RunPython(fill_ends, migrations.RunPython.noop)]
