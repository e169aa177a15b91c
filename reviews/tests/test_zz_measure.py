import re
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reviews.tests.test_query_counts import dataset  # noqa

ROUTES = ["reviews:detail", "reviews:summary", "reviews:scoping_report", "reviews:scoping_pdf", "reviews:members", "reviews:costs", "reviews:programme", "reviews:network", "reviews:witness_directory"]

@pytest.mark.parametrize("dataset", [3], indirect=True)
def test_show(client, officer, dataset):
    client.force_login(officer)
    for route in ROUTES:
        url = reverse(route, args=[dataset.pk]) if route not in ROUTES[-3:] else reverse(route)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        print("==", route, len(ctx.captured_queries))
        for q in ctx.captured_queries:
            sql = q["sql"]
            m = re.search(r'FROM "(\w+)"', sql)
            print("   ", sql[:25].replace("\n"," "), "|", m.group(1) if m else "", "|", re.findall(r'JOIN "(\w+)"', sql)[:4])
