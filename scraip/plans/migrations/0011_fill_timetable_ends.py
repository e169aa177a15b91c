"""Every timetable keeps the last day it could mean (Response.save, keep_period_end): fill it for
the responses saved before, so that "past its target" compares with the end of "March 2027"."""

from django.db import migrations

from scraip.common.fuzzydates import latest_day


def fill_ends(apps, schema_editor):
    Response = apps.get_model("plans", "Response")
    rows = Response._base_manager.filter(timetable__isnull=False, timetable_end__isnull=True)
    for response in rows.only("pk", "timetable", "timetable_precision").iterator():
        Response._base_manager.filter(pk=response.pk).update(
            timetable_end=latest_day(response.timetable, response.timetable_precision)
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0010_supporting_officers")]

    operations = [migrations.RunPython(fill_ends, migrations.RunPython.noop)]
