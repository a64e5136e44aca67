"""Anonymous readers never see drafts, unpublished snippets, or the admin."""

from django.test import TestCase
from django.urls import reverse

from tests.conftest import make_blog_index, make_post, make_reviews_tree, make_topic


class DraftVisibilityTests(TestCase):
    """Anonymous readers never reach a draft, an admin preview or the admin."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.live = make_post(cls.blog, title="Published post", tags=["Systems"])
        cls.draft = make_post(
            cls.blog,
            title="Secret draft",
            slug="secret-draft",
            tags=["Systems"],
            live=False,
        )
        _, _, topics = make_reviews_tree()
        make_topic(topics, title="Draft topic", slug="draft-topic", live=False)

    def test_draft_post_url_is_404(self):
        self.assertEqual(self.client.get("/writing/secret-draft/").status_code, 404)

    def test_draft_topic_url_is_404(self):
        self.assertEqual(self.client.get("/topics/draft-topic/").status_code, 404)

    def test_draft_post_is_not_in_listings_feeds_or_search(self):
        for url in [
            "/writing/",
            "/writing/tags/systems/",
            "/writing/feed/",
            "/writing/tags/systems/feed/atom/",
            "/search/?q=secret",
            "/sitemap.xml",
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "Secret draft")
                self.assertNotContains(response, "secret-draft")

    def test_published_post_is_listed(self):
        self.assertContains(self.client.get("/writing/"), "Published post")

    def test_admin_requires_login(self):
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])

    def test_anonymous_gets_404_for_draft_url_with_preview_query(self):
        response = self.client.get(f"/writing/{self.draft.slug}/?preview=1&mode=card")
        self.assertEqual(response.status_code, 404)

    def test_anonymous_gets_404_for_admin_preview_urls(self):
        for name, args in [
            ("wagtailadmin_pages:preview_on_edit", [self.draft.pk]),
            (
                "wagtailadmin_pages:preview_on_add",
                ["blog", "paperpostpage", self.blog.pk],
            ),
        ]:
            for mode in ("", "card", "social"):
                with self.subTest(url=name, mode=mode):
                    url = reverse(name, args=args)
                    response = self.client.get(f"{url}?mode={mode}")
                    self.assertEqual(response.status_code, 404)
                    self.assertNotContains(response, "Secret draft", status_code=404)
