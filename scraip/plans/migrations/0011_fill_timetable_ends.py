"""Every timetable keeps the last day it could mean (Response.save, keep_period_end): fill it for
the responses saved before, so that "past its target" compares with the end of "March 2027"."""

from django.db import migrations

from scraip.common.fuzzydates import fill_period_ends


def fill_ends(apps, schema_editor):
    response = apps.get_model("plans", "Response")
    fill_period_ends(response, "timetable", "timetable_precision", "timetable_end")


class Migration(migrations.Migration):
    dependencies = [("plans", "0010_supporting_officers")]

    operations = [migrations.RunPython(fill_ends, migrations.RunPython.noop)]
