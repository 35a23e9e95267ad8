"""Headless Debian Chromium driven by Playwright (the Python package only; no downloaded browsers).

Browser tests skip, with the reason, when /usr/bin/chromium or playwright is missing.
Screenshots go to $COUNTERCLAIM_SCREENSHOTS, else to pytest's temporary folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Self

import pytest

CHROMIUM = Path(os.environ.get("COUNTERCLAIM_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium chromium-driver)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (pip install playwright)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ["COUNTERCLAIM_SCREENSHOTS"]) if os.environ.get("COUNTERCLAIM_SCREENSHOTS") \
        else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Watch:
    """What a page did that it must not: dialogs, requests leaving the machine, script errors."""

    def __init__(self, page, allowed_prefixes: tuple[str, ...]):
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith(allowed_prefixes) else self.requests.append(r.url))


def wait_parsed(page, timeout_s: float = 20) -> None:
    """Until report.js has parsed every lazy block (polled: the CSP forbids wait_for_function's eval)."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate("performance.getEntriesByName('counterclaim:hydrated').length > 0"):
        if time.monotonic() > deadline:
            raise TimeoutError("lazy blocks not parsed")
        page.wait_for_timeout(20)


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    yield ctx
    ctx.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The workbench on 127.0.0.1 in a background thread."""

    def __init__(self, location: str):
        import uvicorn

        from counterclaim.web import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(location, user="browser-test")
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("workbench did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def copy_case(case, folder: Path):
    from counterclaim import Case
    from counterclaim.store.db import DB_FILENAME

    case.store.engine.dispose()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(case.location) / DB_FILENAME, folder / DB_FILENAME)
    return Case(folder)
