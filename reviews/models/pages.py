"""Topic reviews and the routable glossary and episode pages."""

from django.db import models
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Lower
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
from home.visibility import OneQueryViewRestrictionsMixin, public
from reviews.blocks import TopicBodyBlock
from reviews.models.episodes import Episode
from reviews.models.glossary import GlossaryTerm
from reviews.models.scholarly import topic_collection, topic_references
from reviews.references.usage import pages_referencing


def live_index(model: type[Page], request=None) -> Page | None:
    """The live page of ``model`` (a one-per-site index), found once per request."""
    if request is None:
        return model.objects.live().first()
    found = request.__dict__.setdefault("_scholia_index_pages", {})
    if model not in found:
        found[model] = model.objects.live().first()
    return found[model]


class TopicIndexPage(OneQueryViewRestrictionsMixin, SpecificChildRouteMixin, Page):
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
            public(TopicReviewPage.objects.child_of(self).live())
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


class TopicReviewPage(OneQueryViewRestrictionsMixin, Page):
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
        context["episodes"] = self.anchor_episode_list()
        context["glossary"] = GlossaryPage.for_request(request)
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


class GlossaryPage(OneQueryViewRestrictionsMixin, RoutablePageMixin, Page):
    """The glossary: every published term A–Z, and a page per term."""

    intro = models.TextField(blank=True)

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = [*Page.content_panels, "intro"]

    class Meta:
        verbose_name = "glossary page"

    def terms(self):
        # A-Z whatever the case: "kv cache" files under K beside "KV cache".
        return GlossaryTerm.objects.filter(live=True).order_by(Lower("term"), "term")

    @classmethod
    def for_request(cls, request=None) -> "GlossaryPage | None":
        return live_index(cls, request)

    def term_url(self, term: GlossaryTerm, request=None) -> str:
        return self.get_url(request) + self.reverse_subpage("term", args=[term.slug])

    def home_teaser(self, limit: int = 8) -> list[GlossaryTerm]:
        """The first terms, each with ``url`` set (this page knows it: no query)."""
        terms = list(self.terms()[:limit])
        for term in terms:
            term.url = self.term_url(term)
        return terms

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
        url = self.term_url(term, request)
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
            # A renamed term's old address is a Redirect, followed on this 404.
            raise Http404("No published glossary term with this name.")
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


class EpisodeIndexPage(OneQueryViewRestrictionsMixin, RoutablePageMixin, Page):
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

    @classmethod
    def for_request(cls, request=None) -> "EpisodeIndexPage | None":
        return live_index(cls, request)

    def episode_url(self, episode: Episode, request=None) -> str:
        return self.code_url(episode.code, request)

    def code_url(self, code: str, request=None) -> str:
        route = self.reverse_subpage("episode", args=[code.lower()])
        return self.get_url(request) + route

    def home_teaser(self, limit: int = 5) -> list[Episode]:
        """The first episodes, each with ``url`` set (this page knows it: no query)."""
        episodes = list(Episode.objects.filter(live=True).order_by("code")[:limit])
        for episode in episodes:
            episode.url = self.episode_url(episode)
        return episodes

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
        return self.render(request, context_overrides={"episodes": self.episodes()})

    @path("<str:code>/", name="episode")
    def episode_detail(self, request, code):
        if code != code.lower():
            return redirect(self.code_url(code, request), permanent=True)
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
