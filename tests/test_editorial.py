"""The editor's path: groups, workflow, preview modes and glossary slug renames."""

from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from blog.models import PaperPostPage
from home.blocks import MarkdownBlock
from home.models import HomePage
from home.rendering.references import reference_syntax
from reviews.models import Episode, GlossaryTerm
from tests.conftest import (
    make_blog_index,
    make_episode,
    make_post,
    make_reviews_tree,
    make_term,
    make_topic,
)


def user_in(test, group_name: str):
    user = test.create_user(group_name.lower(), password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


class GroupsAndWorkflowTests(WagtailTestUtils, TestCase):
    """A fresh install has Editors, Moderators and the Editorial review workflow."""

    @classmethod
    def setUpTestData(cls):
        make_reviews_tree()
        make_term("KV cache")
        cls.blog = make_blog_index()
        cls.post = make_post(cls.blog, live=False, title="Draft post", tags=["Systems"])

    def edit_data(self, text: str = "The [[KV cache]].", **extra) -> dict:
        return nested_form_data(
            {
                "title": "Draft post",
                "slug": self.post.slug,
                "dek": "Dek.",
                "date": "2025-01-01",
                "tags": "Systems",
                "body": streamfield([("markdown", text)]),
                "comments": inline_formset([]),
                "discussed_papers": inline_formset([]),
                "post_authors": inline_formset([]),
                **extra,
            }
        )

    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.post.pk])

    def test_home_page_uses_the_editorial_review_workflow(self):
        workflow = HomePage.objects.get().get_workflow()
        self.assertEqual(workflow.name, "Editorial review")
        self.assertEqual(self.post.get_workflow().name, "Editorial review")

    def test_editor_cannot_publish(self):
        editor = user_in(self, "Editors")
        self.assertIs(self.post.permissions_for_user(editor).can_publish(), False)
        self.client.force_login(editor)
        self.client.post(self.edit_url(), {**self.edit_data(), "action-publish": "1"})
        self.assertIs(PaperPostPage.objects.get(pk=self.post.pk).live, False)

    def test_editor_can_edit_and_submit_for_review(self):
        self.client.force_login(user_in(self, "Editors"))
        self.client.post(self.edit_url(), {**self.edit_data(), "action-submit": "1"})
        state = WorkflowState.objects.get(base_content_type__model="page")
        self.assertEqual(state.workflow.name, "Editorial review")
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)

    def test_editor_submission_with_unknown_reference_is_refused_and_draft_kept(self):
        self.client.force_login(user_in(self, "Editors"))
        self.client.post(self.edit_url(), self.edit_data("Keep [[no-such-term]]."))
        response = self.client.post(
            self.edit_url(),
            {**self.edit_data("Keep [[no-such-term]]."), "action-submit": "1"},
        )
        self.assertContains(response, "[[no-such-term]]")
        self.assertIs(WorkflowState.objects.exists(), False)
        latest = Page.objects.get(pk=self.post.pk).get_latest_revision_as_object()
        self.assertIn("[[no-such-term]]", latest.body[0].value)

    def test_moderator_can_publish(self):
        moderator = user_in(self, "Moderators")
        self.assertIs(self.post.permissions_for_user(moderator).can_publish(), True)
        self.client.force_login(moderator)
        self.client.post(self.edit_url(), {**self.edit_data(), "action-publish": "1"})
        self.assertIs(PaperPostPage.objects.get(pk=self.post.pk).live, True)

    def test_editor_can_edit_snippets_but_not_publish_them(self):
        editor = user_in(self, "Editors")
        self.assertIs(editor.has_perm("reviews.change_glossaryterm"), True)
        self.assertIs(editor.has_perm("reviews.publish_glossaryterm"), False)
        self.assertIs(editor.has_perm("reviews.change_episode"), True)
        self.assertIs(editor.has_perm("reviews.publish_episode"), False)


class PreviewModeTests(TestCase):
    """Each preview mode renders what readers will see, with the same templates."""

    @classmethod
    def setUpTestData(cls):
        cls.glossary, cls.episodes, cls.topics = make_reviews_tree()
        cls.term = make_term("KV cache")
        cls.episode = make_episode("E036", title="Paged attention")
        cls.blog = make_blog_index()
        cls.post = make_post(
            cls.blog, title="Serving at scale", dek="Why memory wins.", tags=["Systems"]
        )
        cls.topic = make_topic(cls.topics, episodes=[cls.episode])

    def render(self, obj, mode: str = "") -> str:
        return obj.make_preview_request(None, mode).content.decode()

    def test_post_offers_full_page_card_and_social_modes(self):
        self.assertEqual(
            [m for m, _ in self.post.preview_modes], ["", "card", "social"]
        )

    def test_post_full_page_preview_matches_the_published_page(self):
        html = self.render(self.post)
        self.assertIn("Serving at scale", html)
        self.assertIn("Why memory wins.", html)

    def test_post_listing_card_uses_the_listing_template(self):
        html = self.render(self.post, "card")
        self.assertIn('class="post-card"', html)
        self.assertIn("Why memory wins.", html)
        self.assertIn("Systems", html)

    def test_post_social_card_shows_opengraph_title_and_description(self):
        html = self.render(self.post, "social")
        self.assertIn('<meta property="og:title" content="Serving at scale">', html)
        self.assertIn(
            '<meta property="og:description" content="Why memory wins.">', html
        )
        self.assertIn('class="social-card"', html)

    def test_topic_full_page_preview(self):
        self.assertIn("Paged attention", self.render(self.topic))

    def test_term_previews_entry_and_tooltip(self):
        self.assertIn("What KV cache means.", self.render(self.term))
        tooltip = self.render(self.term, "tooltip")
        self.assertIn('role="tooltip"', tooltip)
        self.assertIn("What KV cache means.", tooltip)

    def test_episode_previews_page_and_anchor_line(self):
        self.assertIn("Paged attention", self.render(self.episode))
        line = self.render(self.episode, "line")
        self.assertIn('class="episode-line"', line)
        self.assertIn("E036", line)


class GlossarySlugRenameTests(TestCase):
    """Renaming a term's slug or an episode's code redirects its old address."""

    @classmethod
    def setUpTestData(cls):
        make_reviews_tree()
        cls.term = make_term("KV cache")
        cls.episode = make_episode("E036")

    def rename(self, slug="key-value-cache"):
        self.term.slug = slug
        self.term.save_revision().publish()

    def test_aliases_stay_for_spellings_only(self):
        self.rename()
        self.term.refresh_from_db()
        self.assertNotIn("kv-cache", self.term.alias_list())

    def test_old_glossary_url_redirects_to_the_renamed_term(self):
        self.rename()
        response = self.client.get("/glossary/kv-cache/")
        self.assertRedirects(response, "/glossary/key-value-cache/", status_code=301)

    def test_renaming_back_serves_the_term_at_its_first_address(self):
        self.rename()
        self.rename("kv-cache")
        self.assertEqual(self.client.get("/glossary/kv-cache/").status_code, 200)
        response = self.client.get("/glossary/key-value-cache/")
        self.assertRedirects(response, "/glossary/kv-cache/", status_code=301)

    def test_reference_by_new_slug_resolves_after_publish(self):
        self.rename()
        self.assertEqual(reference_syntax().unknown("[[key-value-cache]]"), [])
        html = str(MarkdownBlock().render("The [[key-value-cache]] grows."))
        self.assertIn('href="/glossary/key-value-cache/"', html)

    def test_renamed_term_is_found_by_new_slug(self):
        self.rename()
        self.assertEqual(GlossaryTerm.objects.get(slug="key-value-cache"), self.term)

    def test_old_episode_url_redirects_to_the_new_code(self):
        self.episode.code = "E037"
        self.episode.save_revision().publish()
        response = self.client.get("/episodes/e036/")
        self.assertRedirects(response, "/episodes/e037/", status_code=301)


class SnippetAdminTests(WagtailTestUtils, TestCase):
    """Term and episode listings filter by use; edit views show where they are used."""

    @classmethod
    def setUpTestData(cls):
        _, _, topics = make_reviews_tree()
        cls.used = make_term("KV cache")
        cls.unused = make_term("Speculative decoding")
        cls.cited = make_episode("E036", title="Paged attention")
        cls.uncited = make_episode("E037", title="Ring attention")
        cls.topic = make_topic(
            topics,
            sections=[("Memory", "The [[KV cache]] grows.")],
            episodes=[cls.cited],
        )

    def setUp(self):
        self.login()

    def listing(self, model_name: str, **params) -> str:
        url = reverse(f"wagtailsnippets_reviews_{model_name}:list")
        return self.client.get(url, params).content.decode()

    def test_term_listing_filters_terms_used_by_no_page(self):
        html = self.listing("glossaryterm", unused="true")
        self.assertIn("Speculative decoding", html)
        self.assertNotIn("KV cache", html)

    def test_episode_listing_filters_episodes_cited_by_no_topic(self):
        html = self.listing("episode", unused="true")
        self.assertIn("Ring attention", html)
        self.assertNotIn("Paged attention", html)

    def test_term_listing_filters_unpublished_changes(self):
        self.unused.definition = "Changed."
        self.unused.save_revision()
        html = self.listing("glossaryterm", has_unpublished_changes="true")
        self.assertIn("Speculative decoding", html)
        self.assertNotIn("KV cache", html)

    def test_term_listing_search(self):
        html = self.listing("glossaryterm", q="speculative")
        self.assertIn("Speculative decoding", html)
        self.assertNotIn("KV cache", html)

    def test_term_edit_view_shows_used_in(self):
        url = reverse("wagtailsnippets_reviews_glossaryterm:edit", args=[self.used.pk])
        response = self.client.get(url)
        self.assertContains(response, "Used in")
        self.assertContains(response, "Efficient serving")

    def test_episode_edit_view_shows_cited_by(self):
        url = reverse("wagtailsnippets_reviews_episode:edit", args=[self.cited.pk])
        response = self.client.get(url)
        self.assertContains(response, "Cited by")
        self.assertContains(response, "Efficient serving")

    def test_every_editor_field_of_the_snippets_has_help_text(self):
        for model, names in (
            (GlossaryTerm, ["term", "slug", "aliases", "definition", "explanation"]),
            (Episode, ["code", "title", "date", "summary"]),
        ):
            for name in names:
                with self.subTest(model=model.__name__, field=name):
                    self.assertTrue(model._meta.get_field(name).help_text)
