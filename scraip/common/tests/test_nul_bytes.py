"""A NUL byte anywhere a visitor controls is refused whole with the 400 page, on both
databases: PostgreSQL cannot hold one, so it must never reach a lookup, a log or a session."""

import pytest

pytestmark = pytest.mark.django_db

PATHS = [
    "/plans/%00/",
    "/plans/1%00/",
    "/partnerships/register/%00/",
    "/reviews/%00/history/",
    "/%00",
    "/accounts/login/%00",
    "/plans/?q=%00",
    "/plans/?%00=1",
    "/recommendations/?status=a%00b&page=1",
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("signed_in", [False, True])
def test_a_nul_in_the_path_or_query_gets_the_bad_request_page(client, officer, path, signed_in):
    if signed_in:
        client.force_login(officer)
    page = client.get(path)
    assert page.status_code == 400
    assert "x00" not in page.content.decode()


def test_a_nul_in_a_cookie_gets_the_bad_request_page(client):
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/plans/").status_code == 400


def test_a_nul_in_a_posted_field_name_gets_the_bad_request_page(client, officer):
    client.force_login(officer)
    assert client.post("/plans/new/", {"title\x00": "x"}).status_code == 400
