"""Glossary terms and episodes go through the Editorial review workflow.

Editors submit them; Moderators see them in the dashboard and approve, which
publishes them; a page that uses one still in review is told so precisely.
"""

import datetime

from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.forms import describe_unknown
from reviews.models import Episode, GlossaryTerm
from tests.conftest import make_blog_index, make_post, make_reviews_tree

TERM_URLS = "wagtailsnippets_reviews_glossaryterm"


def user_in(test, group_name: str):
    user = test.create_user(group_name.lower(), password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def term_data(term: str = "Draft model", **extra) -> dict:
    return nested_form_data(
        {
            "term": term,
            "slug": "draft-model",
            "aliases": "",
            "definition": "A small model that proposes tokens.",
            "explanation": "",
            **extra,
        }
    )


class SnippetWorkflowTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        make_reviews_tree()
        cls.blog = make_blog_index()

    def submit_term(self) -> GlossaryTerm:
        self.client.force_login(user_in(self, "Editors"))
        response = self.client.post(
            reverse(f"{TERM_URLS}:add"), term_data(**{"action-submit": "submit"})
        )
        self.assertEqual(response.status_code, 302)
        return GlossaryTerm.objects.get(slug="draft-model")

    def test_terms_and_episodes_use_the_editorial_review_workflow(self):
        for model in (GlossaryTerm, Episode):
            self.assertEqual(model.get_default_workflow().name, "Editorial review")

    def test_editor_submits_a_term_and_it_waits_unpublished(self):
        term = self.submit_term()
        self.assertIs(term.live, False)
        state = WorkflowState.objects.for_instance(term).get()
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)

    def test_moderator_sees_the_term_in_the_dashboard_and_approving_publishes_it(self):
        term = self.submit_term()
        self.client.force_login(user_in(self, "Moderators"))
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(dashboard, "Draft model")
        state = WorkflowState.objects.for_instance(term).get()
        response = self.client.post(
            reverse(
                f"{TERM_URLS}:workflow_action",
                args=[term.pk, "approve", state.current_task_state.pk],
            ),
            {"comment": ""},
        )
        self.assertIn(response.status_code, (200, 302))
        term.refresh_from_db()
        self.assertIs(term.live, True)

    def test_moderators_may_lock_terms_and_episodes_and_editors_may_not(self):
        moderator = user_in(self, "Moderators")
        editor = user_in(self, "Editors")
        for codename in ("lock_glossaryterm", "unlock_episode"):
            self.assertIs(moderator.has_perm(f"reviews.{codename}"), True)
            self.assertIs(editor.has_perm(f"reviews.{codename}"), False)

    def test_a_reference_to_a_term_in_review_says_it_is_awaiting_review(self):
        self.submit_term()
        self.assertEqual(
            describe_unknown(["[[draft model]]"]),
            "[[draft model]] is awaiting review; it will link once a Moderator "
            "publishes it.",
        )

    def test_an_episode_in_review_and_a_missing_term_are_told_apart(self):
        Episode.objects.create(
            code="E900", title="Pending", date=datetime.date.today(), live=False
        )
        message = describe_unknown(["E900", "[[nothing]]"])
        self.assertIn("E900 is awaiting review", message)
        self.assertIn("Unknown reference: [[nothing]].", message)

    def post_using_the_term(self, post, action: str):
        return self.client.post(
            reverse("wagtailadmin_pages:edit", args=[post.pk]),
            nested_form_data(
                {
                    "title": "Uses it",
                    "slug": post.slug,
                    "dek": "Dek.",
                    "date": "2025-01-01",
                    "tags": "",
                    "body": streamfield([("markdown", "The [[draft model]].")]),
                    "comments": inline_formset([]),
                    "post_authors": inline_formset([]),
                    "discussed_papers": inline_formset([]),
                    f"action-{action}": action,
                }
            ),
        )

    def test_publishing_a_post_that_uses_a_term_in_review_names_the_wait(self):
        self.submit_term()
        post = make_post(self.blog, live=False, title="Uses it")
        self.client.force_login(self.create_superuser("admin", password="pw"))
        response = self.post_using_the_term(post, "publish")
        self.assertContains(response, "is awaiting review; it will link once")
        post.refresh_from_db()
        self.assertIs(post.live, False)

    def test_an_editor_may_submit_a_post_with_a_term_in_review_beside_it(self):
        self.submit_term()
        post = make_post(self.blog, live=False, title="Uses it")
        response = self.post_using_the_term(post, "submit")
        self.assertEqual(response.status_code, 302)
        post.refresh_from_db()
        self.assertIs(post.workflow_in_progress, True)

    def test_a_post_with_a_reference_nobody_created_cannot_be_submitted(self):
        post = make_post(self.blog, live=False, title="Uses it")
        self.client.force_login(user_in(self, "Editors"))
        response = self.post_using_the_term(post, "submit")
        self.assertContains(response, "Unknown reference: [[draft model]].")
        post.refresh_from_db()
        self.assertIs(post.workflow_in_progress, False)
