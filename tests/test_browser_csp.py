"""Chromium reports no Content-Security-Policy violation on the public site or
in the admin, under the policies of site_project/security.py."""

import re

import pytest
from django.contrib.auth.models import Group, User

from tests.conftest import make_blog_index, make_post

pytestmark = [
    pytest.mark.browser,
    # Live-server tests flush the database: restore migration data first.
    pytest.mark.usefixtures("migrated_site"),
]

PASSWORD = "correct horse battery staple"
# Records every violation the page reports, before any of the page's own code.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__csp.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


class Violations:
    """CSP violations seen by one browser page: events and console errors."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", self.on_console)

    def on_console(self, message):
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def after(self, url: str) -> list[str]:
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return self.collect()

    def collect(self) -> list[str]:
        events = [
            event for frame in self.page.frames for event in self.events_in(frame)
        ]
        found, self.console = events + self.console, []
        return found

    @staticmethod
    def events_in(frame) -> list[str]:
        return frame.evaluate("window.__csp || []")


@pytest.fixture
def posts():
    blog = make_blog_index()
    maths = make_post(
        blog,
        title="Softmax",
        slug="softmax",
        body=[
            {"type": "markdown", "value": "Inline $x^2$ and $$\\sum_i e^{x_i}$$"},
            {"type": "equation", "value": {"tex": r"\frac{a}{b}", "caption": ""}},
            {"type": "code", "value": {"language": "python", "code": "x = 1"}},
        ],
    )
    return blog, maths


def test_public_pages_report_no_csp_violation(live_server, browser_page, posts):
    blog, maths = posts
    violations = Violations(browser_page)
    for path in ["/", blog.url, maths.url, "/search/?q=softmax", "/glossary/"]:
        response = browser_page.request.get(f"{live_server.url}{path}")
        assert "script-src 'self';" in response.headers["content-security-policy"]
        assert violations.after(f"{live_server.url}{path}") == [], path
        if path == maths.url:
            assert browser_page.locator(".katex").count() >= 2


def test_admin_reports_no_csp_violation(live_server, browser_page, posts):
    _, maths = posts
    user = User.objects.create_user("editor", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    page = browser_page
    page.set_default_timeout(10_000)
    violations = Violations(page)
    assert violations.after(f"{live_server.url}/admin/login/") == []
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.locator("form [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.wait_for_load_state("networkidle")
    assert violations.collect() == [], "dashboard"
    edit = f"{live_server.url}/admin/pages/{maths.pk}/edit/"
    assert violations.after(edit) == [], "edit view"
    # The live preview (a same-origin frame) and the date picker's inline script.
    page.locator('[data-side-panel-toggle="preview"]').click()
    page.frame_locator("#w-preview-iframe").locator("h1").wait_for()
    page.locator("#id_date").click()
    page.wait_for_load_state("networkidle")
    assert violations.collect() == [], "preview and date picker"
    assert violations.after(f"{live_server.url}/admin/pages/") == [], "explorer"
    # A signed-in editor reading the site gets Wagtail's user bar (its own scripts).
    assert violations.after(f"{live_server.url}{maths.url}") == [], "user bar"
    assert page.locator("wagtail-userbar").count() == 1
