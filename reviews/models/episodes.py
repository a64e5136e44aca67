"""Episodes: short digests of one paper (or a few), cited by code (E036)."""

from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PublishingPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtailmarkdown.fields import MarkdownField

from reviews.panels import UsagePanel
from reviews.redirects import redirect_renamed
from reviews.references.usage import pages_referencing

episode_code_validator = RegexValidator(
    r"^E\d{3,}$", "An episode code is E followed by three or more digits, e.g. E036."
)


class Episode(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A short digest of one paper or a few, cited in text by its code."""

    code = models.CharField(
        max_length=12,
        unique=True,
        validators=[episode_code_validator],
        help_text="E followed by three or more digits, e.g. E036. "
        "Text cites the episode by this code.",
    )
    title = models.CharField(
        max_length=300,
        help_text="The paper's finding in a few words, as readers see it.",
    )
    date = models.DateField(help_text="When the episode was recorded or written.")
    summary = MarkdownField(blank=True, help_text="What the paper(s) found (markdown).")
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="episode")

    panels = [
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("date"),
        FieldPanel("summary"),
        InlinePanel("papers", label="Papers digested", min_num=0),
        PublishingPanel(),
        UsagePanel(
            heading="Cited by", empty_text="No published page cites this episode."
        ),
    ]
    search_fields = [
        index.SearchField("code", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} · {self.title}"

    def save(self, *args, **kwargs):
        stored = Episode.objects.filter(pk=self.pk).values_list("code", flat=True)
        old_code = stored.first() if self.pk else None
        super().save(*args, **kwargs)
        if old_code and old_code != self.code:
            index = "reviews.EpisodeIndexPage"
            redirect_renamed(index, "episode", old_code.lower(), self.code.lower())

    def clean_fields(self, exclude=None):
        # Normalise before validation so 'e036' is accepted and found as a duplicate.
        self.code = (self.code or "").strip().upper()
        super().clean_fields(exclude)

    def get_url(self, request=None) -> str:
        """The episode's page under the site's episode index ("" without one)."""
        # By name: the index page's module imports this one.
        index = apps.get_model("reviews", "EpisodeIndexPage").for_request(request)
        return index.episode_url(self, request) if index else ""

    @property
    def preview_modes(self):
        return [("", "Episode page"), ("line", "Line in a topic's anchor list")]

    def get_preview_template(self, request, mode_name):
        if mode_name == "line":
            return "previews/episode_line.html"
        return "reviews/episode.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["episode"] = self
        context["cited_by"] = pages_referencing(self) if self.pk else []
        return context


class EpisodePaper(Orderable):
    """A paper an episode digests, with a link to it."""

    episode = ParentalKey(Episode, on_delete=models.CASCADE, related_name="papers")
    paper = models.ForeignKey(
        "papers.Paper",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="digesting_episode_links",
        help_text="The paper's record; its title and link are then used.",
    )
    title = models.CharField(
        max_length=300, blank=True, help_text="The paper's title as published."
    )
    url = models.URLField(blank=True, help_text="arXiv, DOI or publisher page.")

    panels = ["paper", "title", "url"]

    def __str__(self):
        return self.display_title

    def clean(self):
        super().clean()
        if not self.paper_id and not self.title:
            raise ValidationError({"title": "Choose a paper record or type a title."})

    @property
    def display_title(self) -> str:
        return self.paper.title if self.paper_id else self.title

    @property
    def link(self) -> str:
        return self.paper.link if self.paper_id else self.url
