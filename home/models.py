"""The home page and the site-wide settings."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page
from wagtail.search import index

from home.navigation import cached_site_settings
from home.routing import SpecificChildRouteMixin
from home.visibility import OneQueryViewRestrictionsMixin, public


class HomePage(OneQueryViewRestrictionsMixin, SpecificChildRouteMixin, Page):
    """The front page: an introduction, then a teaser of each section below it.

    Each section page (writing, topics, glossary, episodes) supplies its own
    teaser through ``home_teaser()``, so `home` never imports the apps below it.
    """

    intro = models.TextField(blank=True, help_text="A sentence or two about the site.")

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "blog.BlogIndexPage",
        "reviews.TopicIndexPage",
        "reviews.GlossaryPage",
        "reviews.EpisodeIndexPage",
        "blog.AuthorIndexPage",
    ]
    content_panels = [*Page.content_panels, "intro"]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = [
            section
            # Deferred: the sections' own fields are not needed, so one query in all.
            for section in public(self.get_children().live()).specific(defer=True)
            if hasattr(section, "home_teaser")
        ]
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the whole site says about itself: byline, tagline, social defaults."""

    tagline = models.CharField(max_length=200, blank=True)
    author_name = models.CharField(max_length=100, blank=True)
    default_social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown on social cards when a page has no image of its own.",
    )
    twitter_handle = models.CharField(max_length=30, blank=True, help_text="Without @.")

    panels = [
        FieldPanel("tagline"),
        FieldPanel("author_name"),
        FieldPanel("default_social_image"),
        FieldPanel("twitter_handle"),
    ]

    class Meta:
        verbose_name = "site settings"

    @classmethod
    def for_site(cls, site):
        # From the shared cache: every page reads these, and a save clears them.
        return cached_site_settings(cls, site)
