"""Fixtures shared by the core app's tests beyond the personas of the root conftest."""

from scraip.tests.followup_fixtures import followed  # noqa: F401
