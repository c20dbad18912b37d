"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live server.

Accessibility is checked on every page a browser test visits, not where a test remembers to ask: each page
made by ``new_page`` runs axe-core (bundled by axe-playwright-python) on every document it loads, as loaded
(form errors included), and loads the same URL once more in the other direction (Arabic, right to left, or
English when the test browses in Arabic) with the same session. A serious or critical violation fails the
test that visited the page. A test added later inherits the check by using ``new_page``. A document already
checked, byte for byte (less its CSRF token), at the same address and window size, is not rendered again: its
verdict is remembered for the worker's session and counts for every test that loads it (``AxeChecker``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(settings.BASE_DIR) / ".data" / "screenshots"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# The same rules; axe then details only the violations (all the watch reads) rather than every element that passed.
WCAG_AA_VIOLATIONS = {**WCAG_AA, "resultTypes": ["violations"]}
FAILING_IMPACTS = {"serious", "critical"}
MOBILE = {"width": 360, "height": 740}


expect.set_options(timeout=20_000)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page's current document."""
    results = Axe().run(page, options=WCAG_AA_VIOLATIONS)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in FAILING_IMPACTS:
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
            found.append(f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}")
    return found


# Each form carries a fresh CSRF token: the only part of a document that changes from one request to the next
# when nothing else did. It is a hidden input, which axe does not examine.
CSRF_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*')


@dataclass(frozen=True)
class Verdict:
    """What a check found on one document: its direction and its serious violations."""

    direction: str
    violations: tuple[str, ...]


Verdicts = dict[tuple[str, int, int, bytes], Verdict]


@dataclass
class AxeChecker:
    """Renders documents for axe: one page per window size, reused for every check of a test, and each verdict
    remembered for the worker's session by (address, window size, document bytes less the CSRF token).

    axe's verdict is a function of the document, its address and the window: the site's pages load only its
    static files (the same for everyone) and keep nothing in local storage, so the same bytes at the same
    address in the same window are the same page, and a second check of them would find the same. A document
    that differs in any other byte (a message, an error, another language) is rendered and checked afresh.
    Reusing the page spares a new browser context and renderer per check; the session's cookies are set on it
    before each use, as a throw-away context would have had them. Its pages close with the test, and with them
    their keep-alive connections to the live server (each holds a database connection on the server's side).
    """

    browser: Browser
    verdicts: Verdicts
    pages: dict[tuple[int, int], Page] = field(default_factory=dict)
    renders: int = 0

    def page(self, viewport: dict[str, int], cookies: list[Any]) -> Page:
        size = (viewport["width"], viewport["height"])
        if size not in self.pages:
            self.pages[size] = self.browser.new_context(viewport=viewport).new_page()
        page = self.pages[size]
        page.context.clear_cookies()
        if cookies:
            page.context.add_cookies(cookies)
        return page

    def verdict(
        self, url: str, status: int, body: bytes, viewport: dict[str, int], cookies: list[Any]
    ) -> Verdict:
        key = (
            url,
            viewport["width"],
            viewport["height"],
            hashlib.sha256(CSRF_TOKEN.sub(rb"\1", body)).digest(),
        )
        if key not in self.verdicts:
            self.verdicts[key] = self._render(url, status, body, viewport, cookies)
        return self.verdicts[key]

    def _render(
        self, url: str, status: int, body: bytes, viewport: dict[str, int], cookies: list[Any]
    ) -> Verdict:
        page = self.page(viewport, cookies)
        address = re.compile(f"^{re.escape(url)}$")
        page.route(
            address,
            lambda route: route.fulfill(status=status, body=body, content_type="text/html; charset=utf-8"),
            times=1,
        )
        try:
            page.goto(url)
        finally:
            page.unroute(address)
        self.renders += 1
        direction = page.evaluate("document.documentElement.dir")
        return Verdict(direction=direction, violations=tuple(serious_violations(page)))

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="session")
def axe_verdicts() -> Verdicts:
    return {}


@dataclass
class AxeWatch:
    """Checks each document a watched browser context loads, in both directions; collects what fails.

    The check runs while the document travels to the test's page (a route handler fetches the response,
    checks it, then delivers it), so it never races the test's next click, sees exactly what the test sees (a
    form with its errors after a POST), and works without JavaScript too. The other direction is the same
    address requested again with the same session and the other language cookie.
    """

    checker: AxeChecker
    base_url: str
    failures: list[str] = field(default_factory=list)
    checked: set[tuple[str, str, str]] = field(default_factory=set)
    pages_checked: int = 0

    def watch(self, context: BrowserContext, options: dict[str, Any]) -> None:
        context.route("**/*", lambda route: self._on_request(route, context, options))

    def _on_request(self, route: Route, context: BrowserContext, options: dict[str, Any]) -> None:
        request = route.request
        if request.resource_type != "document" or not request.url.startswith(self.base_url):
            route.continue_()
            return
        response = route.fetch(max_redirects=0)
        content_type = response.headers.get("content-type", "")
        if response.status in (301, 302, 303, 307, 308) or "text/html" not in content_type:
            route.fulfill(response=response)
            return
        body = response.body()
        state = context.storage_state()
        viewport = options.get("viewport", {"width": 1100, "height": 800})
        direction = self._check_as_loaded(request.url, response.status, body, state, viewport)
        # The same URL in the other direction (both, if the document declared none).
        for language in {"rtl": ["en"], "ltr": ["ar"]}.get(direction, ["en", "ar"]):
            self._check_in_language(request.url, language, state, viewport)
        route.fulfill(response=response, body=body)

    def _check_as_loaded(self, url: str, status: int, body: bytes, state: Any, viewport: Any) -> str:
        verdict = self.checker.verdict(url, status, body, viewport, state["cookies"])
        self._record(f"{url} (as loaded, {verdict.direction or 'no dir'})", verdict.violations)
        self.pages_checked += 1
        return verdict.direction

    def _check_in_language(self, url: str, language: str, state: Any, viewport: Any) -> None:
        session = "|".join(sorted(f"{c['name']}={c['value']}" for c in state["cookies"]))
        key = (url, language, session)
        if key in self.checked:
            return
        self.checked.add(key)
        cookies = [c for c in state["cookies"] if c["name"] != settings.LANGUAGE_COOKIE_NAME]
        host = self.base_url.split("//", 1)[1].split(":")[0]
        cookies.append(
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "domain": host, "path": "/"}
        )
        # Requested as a browser would (redirects followed), then rendered from those very bytes.
        response = self.checker.page(viewport, cookies).context.request.get(url)
        if "text/html" not in (response.headers.get("content-type") or ""):
            return
        verdict = self.checker.verdict(response.url, response.status, response.body(), viewport, cookies)
        expected = "rtl" if language == "ar" else "ltr"
        if verdict.direction != expected:
            self.failures.append(f"{url} in {language}: dir={verdict.direction!r}, expected {expected}")
        self._record(f"{url} (in {language}, {verdict.direction})", verdict.violations)
        self.pages_checked += 1

    def _record(self, where: str, violations: tuple[str, ...]) -> None:
        self.failures.extend(f"{where}: {violation}" for violation in violations)


@pytest.fixture
def axe_watch(
    browser: Browser, axe_verdicts: Verdicts, live_server: Any, request: pytest.FixtureRequest
) -> Iterator[AxeWatch]:
    checker = AxeChecker(browser=browser, verdicts=axe_verdicts)
    watch = AxeWatch(checker=checker, base_url=live_server.url)
    request.node._axe_watch = watch
    yield watch
    checker.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """Fail the test itself (not its teardown) when a page it visited has a serious axe violation."""
    result = yield
    watch: AxeWatch | None = getattr(item, "_axe_watch", None)
    if watch is not None and watch.failures:
        raise AssertionError(
            "Serious or critical accessibility violations (axe-core):\n  " + "\n  ".join(watch.failures)
        )
    return result


@pytest.fixture
def new_page(browser: Browser, live_server: Any, axe_watch: AxeWatch) -> Iterator:
    contexts = []

    def make(**options: Any) -> Page:
        options = {"viewport": {"width": 1100, "height": 800}, **options}
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(30_000)  # each page is checked by axe, twice, before it arrives
        contexts.append(context)
        axe_watch.watch(context, options)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def assert_accessible(page: Page) -> None:
    """Stricter than the automatic check: no WCAG 2.1 AA violation of any impact on this page."""
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def sign_in(page: Page, email: str) -> None:
    """A member signs in through the site's form."""
    from tests.conftest import PASSWORD

    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()


def sign_in_admin(page: Page, email: str) -> None:
    """A moderator signs in to the admin with their password and a current two-factor code."""
    from tests.conftest import PASSWORD, totp_code_now

    page.goto("/admin/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.locator("input[name=code]").fill(totp_code_now())
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
