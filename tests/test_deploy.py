"""The production settings pass Django's deployment checklist with no warnings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PRODUCTION_ENV = {
    "SCRAIP_DEPLOYMENT": "production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(45),  # 60 characters
    "DJANGO_ALLOWED_HOSTS": "scraip.example.gov.uk",
    "DATABASE_URL": "sqlite:////tmp/deploycheck.sqlite3",
}


def run_deploy_check(**overrides):
    # The test run's own settings (DJANGO_ALLOW_ASYNC_UNSAFE for Playwright, say) stay behind.
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "SCRAIP_", "DATABASE_URL"))
    }
    env = {**inherited, **PRODUCTION_ENV, **overrides}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_checklist():
    assert len(PRODUCTION_ENV["DJANGO_SECRET_KEY"]) == 60

    result = run_deploy_check()

    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_fails_without_https_redirect():
    """The check above can fail: turning off the HTTPS redirect is reported."""
    result = run_deploy_check(DJANGO_SECURE_SSL_REDIRECT="0")

    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr
