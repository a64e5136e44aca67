"""Headers, cookies, hosts, redirects and login throttling, as a client sees them."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from tests.conftest import make_blog_index, make_post

HOSTILE_NEXT = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "\\\\evil.example",
]


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


class HeaderTests(TestCase):
    """Every response carries the policy of its side of the site."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.post = make_post(cls.blog, title="Headers")
        cls.editor = User.objects.create_user("ed", password="pw")
        cls.editor.groups.add(Group.objects.get(name="Editors"))

    def test_public_pages_allow_no_inline_or_foreign_script(self):
        for path in ["/", self.blog.url, self.post.url, "/search/?q=x", "/nowhere/"]:
            with self.subTest(path=path):
                policy = directives(self.client.get(path)["Content-Security-Policy"])
                self.assertEqual(policy["script-src"], ["'self'"])
                self.assertEqual(policy["object-src"], ["'none'"])
                self.assertEqual(policy["base-uri"], ["'self'"])
                self.assertEqual(policy["frame-ancestors"], ["'self'"])

    def test_admin_gets_its_own_policy(self):
        self.client.force_login(self.editor)
        response = self.client.get("/admin/")
        policy = directives(response["Content-Security-Policy"])
        self.assertIn("'self'", policy["script-src"])
        self.assertEqual(policy["object-src"], ["'none'"])
        self.assertEqual(policy["form-action"], ["'self'"])

    def test_referrer_policy_outside_share_links(self):
        for path in ["/", self.post.url, "/admin/login/"]:
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(
                    response["Referrer-Policy"], "strict-origin-when-cross-origin"
                )

    def test_unknown_host_is_refused_with_400(self):
        response = Client(HTTP_HOST="evil.example").get("/")
        self.assertEqual(response.status_code, 400)

    def test_session_and_csrf_cookies_are_secure_httponly_and_samesite(self):
        client = Client(enforce_csrf_checks=True)
        response = client.get("/admin/login/")
        csrf = response.cookies[settings.CSRF_COOKIE_NAME]
        client.post(
            "/admin/login/",
            {"username": "ed", "password": "pw", "csrfmiddlewaretoken": csrf.value},
        )
        session = client.cookies[settings.SESSION_COOKIE_NAME]
        for cookie in (csrf, session):
            with self.subTest(cookie=cookie.key):
                self.assertIs(bool(cookie["secure"]), True)
                self.assertIs(bool(cookie["httponly"]), True)
                self.assertEqual(cookie["samesite"], "Lax")


class OpenRedirectTests(TestCase):
    """No `next=` sends a user off the site."""

    @classmethod
    def setUpTestData(cls):
        blog = make_blog_index()
        cls.post = make_post(blog, title="Live")
        cls.user = User.objects.create_superuser("mod", "m@example.org", "pw")

    def assert_stays_on_site(self, response):
        location = response.get("Location", "")
        self.assertNotIn("evil.example", location)
        self.assertFalse(location.startswith(("//", "javascript:", "/\\")), location)

    def test_admin_login_ignores_a_foreign_next(self):
        for target in HOSTILE_NEXT:
            with self.subTest(next=target):
                client = Client()
                response = client.post(
                    f"/admin/login/?next={target}",
                    {"username": "mod", "password": "pw", "next": target},
                )
                self.assertEqual(response.status_code, 302)
                self.assert_stays_on_site(response)

    def test_admin_logout_and_page_actions_ignore_a_foreign_next(self):
        for target in HOSTILE_NEXT:
            with self.subTest(next=target):
                client = Client()
                client.force_login(self.user)
                unpublish = reverse("wagtailadmin_pages:unpublish", args=[self.post.pk])
                self.assert_stays_on_site(client.post(f"{unpublish}?next={target}"))
                self.assert_stays_on_site(client.post(f"/admin/logout/?next={target}"))


@override_settings(AXES_FAILURE_LIMIT=3)
class LoginThrottlingTests(TestCase):
    """After N wrong passwords for a username from one address, even the right
    password is refused until the cool-off ends or an admin resets it."""

    @classmethod
    def setUpTestData(cls):
        cls.user = User.objects.create_superuser("ada", "ada@example.org", "right-pw")

    def login(self, password: str, address: str = "203.0.113.7"):
        client = Client(HTTP_X_FORWARDED_FOR=address)
        response = client.post(
            "/admin/login/", {"username": "ada", "password": password}
        )
        return response, "_auth_user_id" in client.session

    def fail(self, times: int, address: str = "203.0.113.7"):
        for _ in range(times):
            _, logged_in = self.login("wrong", address)
            self.assertIs(logged_in, False)

    def test_right_password_works_below_the_limit(self):
        self.fail(2)
        _, logged_in = self.login("right-pw")
        self.assertIs(logged_in, True)

    def test_right_password_is_refused_after_the_limit(self):
        self.fail(3)
        response, logged_in = self.login("right-pw")
        self.assertIs(logged_in, False)
        self.assertEqual(response.status_code, 429)

    def test_lockout_is_per_username_and_address(self):
        self.fail(3, address="203.0.113.7")
        _, logged_in = self.login("right-pw", address="198.51.100.9")
        self.assertIs(logged_in, True)

    def test_axes_reset_lifts_the_lockout(self):
        self.fail(3)
        call_command("axes_reset", verbosity=0)
        _, logged_in = self.login("right-pw")
        self.assertIs(logged_in, True)


@pytest.mark.parametrize(
    ("forwarded", "remote", "expected"),
    [
        ("203.0.113.7", "127.0.0.1", "203.0.113.7"),
        ("6.6.6.6, 203.0.113.7", "127.0.0.1", "203.0.113.7"),
        ("", "192.0.2.1", "192.0.2.1"),
    ],
)
def test_client_ip_is_the_address_the_front_server_appended(
    rf, forwarded, remote, expected
):
    from site_project.security import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_ip(request) == expected


def test_authenticating_without_a_request_is_not_throttled(db):
    from django.contrib.auth import authenticate

    User.objects.create_user("cli", password="pw")
    assert authenticate(username="cli", password="pw") is not None
