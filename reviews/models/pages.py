"""Topic reviews and the routable glossary and episode pages."""

from django.db import models
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.forms import ReferenceCheckingPageForm
from home.metadata import SCHEMA, breadcrumb_list
from home.origin import absolute_url
from home.routing import SpecificChildRouteMixin
from reviews.blocks import TopicBodyBlock
from reviews.models.episodes import Episode
from reviews.models.glossary import GlossaryTerm
from reviews.models.scholarly import topic_collection, topic_references
from reviews.references.table import reference_table
from reviews.references.usage import pages_referencing


class TopicIndexPage(SpecificChildRouteMixin, Page):
    """'Literature review': every topic with its episode count."""

    intro = models.TextField(blank=True)

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["reviews.TopicReviewPage"]
    content_panels = [*Page.content_panels, "intro"]

    class Meta:
        verbose_name = "topic index page"

    def topics(self):
        return (
            TopicReviewPage.objects.child_of(self)
            .live()
            .public()
            .annotate(
                live_episode_count=Count(
                    "anchor_episodes", filter=Q(anchor_episodes__episode__live=True)
                )
            )
            .order_by("path")
        )

    def home_teaser(self, limit: int = 5):
        return self.topics()[:limit]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = self.topics()
        return context


class TopicReviewPage(Page):
    """A literature review: sections of prose anchored on a list of episodes."""

    intro = models.TextField(blank=True, help_text="Optional lead paragraph.")
    body = StreamField(TopicBodyBlock())

    parent_page_types = ["reviews.TopicIndexPage"]
    subpage_types = []
    base_form_class = ReferenceCheckingPageForm
    content_panels = [
        *Page.content_panels,
        "intro",
        "body",
        InlinePanel(
            "anchor_episodes",
            heading="Episodes anchoring this topic",
            label="Episode",
            help_text="In the order readers should see them.",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "topic review page"

    def anchor_episode_list(self) -> list[Episode]:
        """The live anchoring episodes in the editor's order (one query)."""
        return [
            anchor.episode
            for anchor in self.anchor_episodes.select_related("episode").order_by(
                "sort_order"
            )
            if anchor.episode.live
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = EpisodeIndexPage.with_urls(self.anchor_episode_list())
        context["glossary"] = GlossaryPage.objects.live().first()
        context["references"] = self.references(context["episodes"])
        context["json_ld_items"] = [
            topic_collection(self, request, context["episodes"], context["references"])
        ]
        return context

    def references(self, episodes: list[Episode]) -> list:
        """Papers the text cites, then those the anchoring episodes digest."""
        return topic_references(self.body, episodes)

    @property
    def preview_modes(self):
        return [("", "Full page")]


class TopicAnchorEpisode(Orderable):
    """One of the episodes a topic is anchored on, in the editor's order."""

    page = ParentalKey(
        TopicReviewPage, on_delete=models.CASCADE, related_name="anchor_episodes"
    )
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("episode")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "episode"], name="unique_topic_anchor"
            )
        ]


class GlossaryPage(RoutablePageMixin, Page):
    """The glossary: every published term A–Z, and a page per term."""

    intro = models.TextField(blank=True)

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = [*Page.content_panels, "intro"]

    class Meta:
        verbose_name = "glossary page"

    def terms(self):
        return GlossaryTerm.objects.filter(live=True).order_by("term")

    def term_url(self, term: GlossaryTerm) -> str:
        return self.url + self.reverse_subpage("term", args=[term.slug])

    def home_teaser(self, limit: int = 8):
        return self.terms()[:limit]

    def get_sitemap_urls(self, request=None):
        """The glossary and one entry per published term (one query)."""
        base = self.get_full_url(request)
        return [
            *super().get_sitemap_urls(request),
            *(
                {
                    "location": base + self.reverse_subpage("term", args=[term.slug]),
                    "lastmod": term.last_published_at,
                }
                for term in self.terms()
            ),
        ]

    def term_structured_data(self, request, term: GlossaryTerm) -> list[dict]:
        url = self.term_url(term)
        defined_term = {
            "@context": SCHEMA,
            "@type": "DefinedTerm",
            "@id": absolute_url(url, request),
            "name": term.term,
            "description": term.definition,
            "url": absolute_url(url, request),
            "inDefinedTermSet": {
                "@type": "DefinedTermSet",
                "name": self.title,
                "url": absolute_url(self.url, request),
            },
        }
        crumbs = [(self.title, self.url), (term.term, url)]
        return [defined_term, breadcrumb_list(request, crumbs)]

    @path("")
    def term_list(self, request):
        return self.render(request, context_overrides={"terms": self.terms()})

    @path("<slug:slug>/", name="term")
    def term_detail(self, request, slug):
        term = self.terms().filter(slug=slug).first()
        if term is None:
            # A renamed term keeps its old slug as an alias: old links still land.
            entry = reference_table().term(slug)
            if entry is None:
                raise Http404("No published glossary term with this name.")
            return redirect(entry.url, permanent=True)
        return self.render(
            request,
            template="reviews/glossary_term.html",
            context_overrides={
                "term": term,
                "used_in": pages_referencing(term),
                "meta_title": term.term,
                "meta_description": term.definition,
                "json_ld_items": self.term_structured_data(request, term),
            },
        )


class EpisodeIndexPage(RoutablePageMixin, Page):
    """Every published episode, and a page per episode with the topics citing it."""

    intro = models.TextField(blank=True)

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = [*Page.content_panels, "intro"]

    class Meta:
        verbose_name = "episode index page"

    def episodes(self):
        return (
            Episode.objects.filter(live=True)
            .order_by("code")
            .prefetch_related(Prefetch("papers"), "papers__paper")
        )

    @staticmethod
    def with_urls(episodes) -> list[Episode]:
        """The episodes, each with ``url`` set to its page.

        The URLs come from the cached reference table, which already maps every
        published episode to its page: no query for the index.
        """
        table = reference_table()
        episodes = list(episodes)
        for episode in episodes:
            entry = table.episode(episode.code)
            episode.url = entry.url if entry else ""
        return episodes

    def episode_url(self, episode: Episode) -> str:
        return self.code_url(episode.code)

    def code_url(self, code: str) -> str:
        return self.url + self.reverse_subpage("episode", args=[code.lower()])

    def home_teaser(self, limit: int = 5):
        return Episode.objects.filter(live=True).order_by("code")[:limit]

    def get_sitemap_urls(self, request=None):
        """The episode list and one entry per published episode (one query)."""
        base = self.get_full_url(request)
        return [
            *super().get_sitemap_urls(request),
            *(
                {
                    "location": base
                    + self.reverse_subpage("episode", args=[code.lower()]),
                    "lastmod": last_published_at,
                }
                for code, last_published_at in Episode.objects.filter(
                    live=True
                ).values_list("code", "last_published_at")
            ),
        ]

    @path("")
    def episode_list(self, request):
        episodes = self.with_urls(self.episodes())
        return self.render(request, context_overrides={"episodes": episodes})

    @path("<str:code>/", name="episode")
    def episode_detail(self, request, code):
        if code != code.lower():
            return redirect(self.code_url(code), permanent=True)
        episode = get_object_or_404(self.episodes(), code=code.upper())
        return self.render(
            request,
            template="reviews/episode.html",
            context_overrides={
                "episode": episode,
                "cited_by": pages_referencing(episode),
                "meta_title": f"{episode.code} · {episode.title}",
                "meta_description": f"Episode {episode.code}: {episode.title}.",
            },
        )
