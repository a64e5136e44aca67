"""Draft share links: a signed, expiring, revocable, read-only view of one draft."""

import datetime
import re

from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils import WagtailTestUtils

from sharing.models import DraftShareLink
from tests.conftest import make_blog_index, make_post

IN_A_WEEK = datetime.timedelta(days=7)


class ShareLinkPublicViewTests(TestCase):
    """What an anonymous reviewer holding a link sees."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.post = make_post(cls.blog, title="Draft title", live=False)
        cls.other = make_post(cls.blog, title="Other draft", live=False)
        revision = cls.post.get_latest_revision_as_object()
        revision.title = "Edited draft title"
        revision.save_revision()

    def make_link(self, page=None, **fields) -> DraftShareLink:
        fields = {"expires_at": timezone.now() + IN_A_WEEK, **fields}
        return DraftShareLink.objects.create(page=page or self.post, **fields)

    def test_link_shows_the_latest_draft_marked_not_published(self):
        response = self.client.get(self.make_link().path)
        self.assertContains(response, "Edited draft title")
        self.assertContains(response, "Draft preview — not published")

    def test_link_is_not_indexed(self):
        response = self.client.get(self.make_link().path)
        self.assertContains(response, '<meta name="robots" content="noindex')
        self.assertIn("noindex", response["X-Robots-Tag"])

    def test_link_shows_only_its_own_page(self):
        response = self.client.get(self.make_link().path)
        self.assertNotContains(response, "Other draft")

    def test_draft_url_itself_is_404_for_anonymous(self):
        self.make_link()
        self.assertEqual(
            self.client.get("/writing/" + self.post.slug + "/").status_code, 404
        )

    def test_expired_link_is_gone_with_a_clear_message(self):
        link = self.make_link(expires_at=timezone.now() - datetime.timedelta(minutes=1))
        response = self.client.get(link.path)
        self.assertContains(response, "This share link has expired", status_code=410)
        self.assertNotContains(response, "Draft title", status_code=410)

    def test_revoked_link_is_404_with_a_clear_message(self):
        link = self.make_link()
        link.revoke()
        response = self.client.get(link.path)
        self.assertContains(response, "not valid", status_code=404)

    def test_tampered_or_unknown_token_is_404(self):
        link = self.make_link()
        self.assertEqual(self.client.get(link.path[:-3] + "xyz/").status_code, 404)
        self.assertEqual(self.client.get("/share/nonsense/").status_code, 404)

    def test_token_for_another_page_cannot_be_forged_from_a_nonce(self):
        link = self.make_link()
        forged = DraftShareLink(page=self.other, nonce=link.nonce)
        self.assertEqual(self.client.get(forged.path).status_code, 404)

    def test_link_is_read_only(self):
        response = self.client.post(self.make_link().path)
        self.assertEqual(response.status_code, 404)


class ShareLinkAdminTests(WagtailTestUtils, TestCase):
    """Editors create share links from the page admin and revoke them."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.post = make_post(cls.blog, live=False)

    def setUp(self):
        self.user = self.create_user("editor", password="pw")
        self.user.groups.add(Group.objects.get(name="Editors"))
        self.client.force_login(self.user)

    def test_editor_creates_a_link_expiring_after_the_chosen_days(self):
        url = reverse("draft_share_links", args=[self.post.pk])
        response = self.client.post(url, {"days": "3"}, follow=True)
        link = DraftShareLink.objects.get(page=self.post)
        self.assertAlmostEqual(
            link.expires_at,
            timezone.now() + datetime.timedelta(days=3),
            delta=datetime.timedelta(minutes=1),
        )
        # The token carries a timestamp, so match the URL shown, not a recomputed one.
        shown = re.search(r"http://testserver/share/([^/]+)/", response.text)
        self.assertEqual(DraftShareLink.from_token(shown.group(1)), link)

    def test_default_expiry_is_seven_days(self):
        response = self.client.get(reverse("draft_share_links", args=[self.post.pk]))
        self.assertEqual(response.context["form"]["days"].initial, 7)

    def test_editor_revokes_a_link(self):
        link = DraftShareLink.objects.create(
            page=self.post,
            created_by=self.user,
            expires_at=timezone.now() + IN_A_WEEK,
        )
        self.client.post(reverse("draft_share_revoke", args=[link.pk]))
        link.refresh_from_db()
        self.assertIs(link.is_revoked, True)

    def test_edit_page_offers_share_draft(self):
        response = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[self.post.pk])
        )
        self.assertContains(response, reverse("draft_share_links", args=[self.post.pk]))

    def test_anonymous_cannot_reach_the_admin_view(self):
        self.client.logout()
        response = self.client.get(reverse("draft_share_links", args=[self.post.pk]))
        self.assertEqual(response.status_code, 302)


class ShareLinkStateTests(TestCase):
    """The banner says what the page is now; the token never leaks as a referrer."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.post = make_post(cls.blog, title="Shared post", live=False)

    def make_link(self) -> DraftShareLink:
        return DraftShareLink.objects.create(
            page=self.post, expires_at=timezone.now() + IN_A_WEEK
        )

    def test_share_page_sends_no_referrer(self):
        response = self.client.get(self.make_link().path)
        self.assertEqual(response["Referrer-Policy"], "no-referrer")

    def test_banner_says_published_once_the_page_is_published(self):
        link = self.make_link()
        self.post.save_revision().publish()
        response = self.client.get(link.path)
        self.assertNotContains(response, "not published")
        self.assertContains(response, "Published — this text is")

    def test_banner_names_unpublished_changes_to_a_live_page(self):
        link = self.make_link()
        self.post.save_revision().publish()
        draft = self.post.get_latest_revision_as_object()
        draft.title = "Shared post, revised"
        draft.save_revision()
        response = self.client.get(link.path)
        self.assertContains(response, "Shared post, revised")
        self.assertContains(response, "changes not yet published")


class ShareLinkRevocationRightsTests(WagtailTestUtils, TestCase):
    """Editors revoke the links they made; Moderators revoke any."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.post = make_post(cls.blog, live=False)

    def user_in(self, name: str, group: str):
        user = self.create_user(name, password="pw")
        user.groups.add(Group.objects.get(name=group))
        return user

    def link_by(self, user) -> DraftShareLink:
        return DraftShareLink.objects.create(
            page=self.post, created_by=user, expires_at=timezone.now() + IN_A_WEEK
        )

    def revoke_as(self, user, link) -> str:
        """Where the revoke request sent the user: the page's links, or refused."""
        self.client.force_login(user)
        response = self.client.post(reverse("draft_share_revoke", args=[link.pk]))
        link.refresh_from_db()
        links_url = reverse("draft_share_links", args=[self.post.pk])
        return "done" if response["Location"] == links_url else "refused"

    def test_editor_cannot_revoke_a_moderators_link(self):
        editor = self.user_in("editor", "Editors")
        link = self.link_by(self.user_in("moderator", "Moderators"))
        self.assertEqual(self.revoke_as(editor, link), "refused")
        self.assertIs(link.is_revoked, False)

    def test_editor_cannot_revoke_another_editors_link(self):
        link = self.link_by(self.user_in("other", "Editors"))
        self.assertEqual(
            self.revoke_as(self.user_in("editor", "Editors"), link), "refused"
        )
        self.assertIs(link.is_revoked, False)

    def test_editor_revokes_their_own_link(self):
        editor = self.user_in("editor", "Editors")
        link = self.link_by(editor)
        self.assertEqual(self.revoke_as(editor, link), "done")
        self.assertIs(link.is_revoked, True)

    def test_moderator_revokes_an_editors_link(self):
        link = self.link_by(self.user_in("editor", "Editors"))
        self.assertEqual(
            self.revoke_as(self.user_in("mod", "Moderators"), link), "done"
        )
        self.assertIs(link.is_revoked, True)

    def test_editor_sees_no_revoke_button_on_others_links(self):
        self.link_by(self.user_in("moderator", "Moderators"))
        self.client.force_login(self.user_in("editor", "Editors"))
        response = self.client.get(reverse("draft_share_links", args=[self.post.pk]))
        self.assertNotContains(response, ">Revoke</button>")


class ShareLinkTokenPrivacyTests(TestCase):
    """The token is a secret: the shared page never prints it in its metadata."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.post = make_post(
            cls.blog, title="Private draft", slug="private", live=False
        )

    def test_canonical_and_og_url_name_the_page_not_the_token(self):
        link = DraftShareLink.objects.create(
            page=self.post, expires_at=timezone.now() + IN_A_WEEK
        )
        path = link.path
        html = self.client.get(path).content.decode()
        token = path.strip("/").split("/")[-1]
        self.assertNotIn(token, html)
        self.assertIn(
            '<link rel="canonical" href="http://testserver/writing/private/">', html
        )
        self.assertIn(
            '<meta property="og:url" content="http://testserver/writing/private/">',
            html,
        )
