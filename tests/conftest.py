"""Browser fixtures: pytest-playwright drives Debian's Chromium, never a downloaded browser."""

from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"

# No sandbox because CI containers run as root; the rest keeps Chromium off the network so a test
# only ever talks to the live server.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def built_stylesheet():
    """axe judges contrast and focus on the page as styled, so the compiled CSS must exist."""
    stylesheet = Path(settings.BASE_DIR) / "static" / "dist" / "scraip.css"
    if not stylesheet.exists():
        pytest.fail(f"{stylesheet} is missing: run `npm run build` first", pytrace=False)
