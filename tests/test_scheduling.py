"""Scheduled publishing: publish_scheduled acts on go_live_at and expire_at."""

import datetime
from unittest import mock

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from blog.models import PaperPostPage
from reviews.models import GlossaryTerm
from tests.conftest import make_blog_index, make_post, make_term

HOUR = datetime.timedelta(hours=1)


def schedule(page, go_live_at):
    """Save a revision that should go live at ``go_live_at`` (what the admin does)."""
    page.go_live_at = go_live_at
    revision = page.save_revision()
    revision.publish()  # with go_live_at in the future this only schedules it
    return page


class PublishScheduledTests(TestCase):
    """The scheduler publishes what is due and leaves the future alone."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()

    def run_scheduler(self):
        call_command("publish_scheduled", verbosity=0)

    def test_page_whose_go_live_at_has_passed_is_published(self):
        post = make_post(self.blog, live=False)
        revision = post.save_revision()
        revision.approved_go_live_at = timezone.now() - HOUR
        revision.save()
        self.run_scheduler()
        self.assertIs(PaperPostPage.objects.get(pk=post.pk).live, True)

    def test_page_scheduled_in_the_future_stays_a_draft(self):
        post = make_post(self.blog, live=False)
        schedule(post, timezone.now() + HOUR)
        self.run_scheduler()
        self.assertIs(PaperPostPage.objects.get(pk=post.pk).live, False)

    def test_scheduled_page_goes_live_once_its_time_comes(self):
        post = make_post(self.blog, live=False)
        schedule(post, timezone.now() + HOUR)
        two_hours_later = timezone.now() + 2 * HOUR
        with mock.patch("django.utils.timezone.now", return_value=two_hours_later):
            self.run_scheduler()
        self.assertIs(PaperPostPage.objects.get(pk=post.pk).live, True)

    def test_page_past_its_expire_at_is_unpublished(self):
        post = make_post(self.blog)
        PaperPostPage.objects.filter(pk=post.pk).update(expire_at=timezone.now() - HOUR)
        self.run_scheduler()
        post = PaperPostPage.objects.get(pk=post.pk)
        self.assertIs(post.live, False)
        self.assertIs(post.expired, True)

    def test_snippet_whose_go_live_at_has_passed_is_published(self):
        term = make_term("Speculative decoding", live=False)
        revision = term.save_revision()
        revision.approved_go_live_at = timezone.now() - HOUR
        revision.save()
        self.run_scheduler()
        self.assertIs(GlossaryTerm.objects.get(pk=term.pk).live, True)

    def test_snippet_scheduled_in_the_future_stays_a_draft(self):
        term = make_term("Speculative decoding", live=False)
        term.go_live_at = timezone.now() + HOUR
        term.save_revision().publish()
        self.run_scheduler()
        self.assertIs(GlossaryTerm.objects.get(pk=term.pk).live, False)
