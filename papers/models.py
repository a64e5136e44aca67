"""Paper records: what posts discuss, episodes digest and text cites as [@key]."""

import itertools
import string

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PublishingPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from papers.identifiers import (
    arxiv_id_validator,
    citation_key_base,
    doi_validator,
    normalise_arxiv_id,
    normalise_doi,
)


class VenueKind(models.TextChoices):
    """Where a paper appeared, as Highwire's citation_* tags distinguish it."""

    CONFERENCE = "conference", "Conference"
    JOURNAL = "journal", "Journal"
    PREPRINT = "preprint", "Preprint"
    REPORT = "report", "Technical report"


class Paper(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A research paper, cited in text as [@citation_key]."""

    title = models.CharField(max_length=500, help_text="The title as published.")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    venue = models.CharField(
        max_length=300, blank=True, help_text="Conference or journal, e.g. NeurIPS."
    )
    venue_kind = models.CharField(
        max_length=20, choices=VenueKind.choices, default=VenueKind.CONFERENCE
    )
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        validators=[doi_validator],
        help_text="e.g. 10.1145/3292500.3330701; a doi.org URL is accepted.",
    )
    arxiv_id = models.CharField(
        "arXiv id",
        max_length=40,
        blank=True,
        validators=[arxiv_id_validator],
        help_text="e.g. 2312.00752 or 2312.00752v2; an arXiv URL is accepted.",
    )
    url = models.URLField(
        "URL", blank=True, help_text="Where to read it, if not its DOI or arXiv page."
    )
    abstract = models.TextField(blank=True)
    citation_key = models.CharField(
        max_length=100,
        unique=True,
        blank=True,
        help_text="What text cites, as [@key]. Leave empty to generate it "
        "(first author's surname, year, first title word: gu2023mamba).",
    )
    # Any change (publish and unpublish included) moves it: citations re-render.
    updated_at = models.DateTimeField(auto_now=True)
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="paper")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="paper",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("title"),
        InlinePanel("authors", label="Author", heading="Authors, in order"),
        FieldPanel("year"),
        FieldPanel("venue"),
        FieldPanel("venue_kind"),
        FieldPanel("doi"),
        FieldPanel("arxiv_id"),
        FieldPanel("url"),
        FieldPanel("abstract"),
        FieldPanel("citation_key"),
        PublishingPanel(),
    ]
    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("citation_key", boost=2),
        index.SearchField("abstract"),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["citation_key"]

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def clean_fields(self, exclude=None):
        # Pasted URLs become identifiers before they are validated.
        self.doi = normalise_doi(self.doi)
        self.arxiv_id = normalise_arxiv_id(self.arxiv_id)
        self.citation_key = (self.citation_key or "").strip()
        super().clean_fields(exclude)

    def clean(self):
        super().clean()
        if (
            self.citation_key
            and not self.citation_key.replace("-", "")
            .replace("_", "")
            .replace(":", "")
            .replace(".", "")
            .isalnum()
        ):
            raise ValidationError(
                {"citation_key": "Use letters, digits and - _ : . only."}
            )

    def save(self, *args, **kwargs):
        if not self.citation_key:
            self.citation_key = self.unique_key()
        super().save(*args, **kwargs)

    def author_names(self) -> list[str]:
        """Authors in order (from a prefetch when there is one)."""
        return [author.name for author in self.authors.all()]

    def unique_key(self) -> str:
        names = self.author_names()
        base = citation_key_base(names[0] if names else "", self.year, self.title)
        taken = set(
            Paper.objects.exclude(pk=self.pk)
            .filter(citation_key__startswith=base)
            .values_list("citation_key", flat=True)
        )
        suffixes = itertools.chain(
            string.ascii_lowercase[1:], (f"-{n}" for n in itertools.count(27))
        )
        key = base
        while key in taken:
            key = base + next(suffixes)
        return key

    def get_absolute_url(self) -> str:
        return reverse("papers:paper", args=[self.citation_key])

    @property
    def arxiv_url(self) -> str:
        return f"https://arxiv.org/abs/{self.arxiv_id}" if self.arxiv_id else ""

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def link(self) -> str:
        """Where a reader goes to read it: its URL, DOI or arXiv page."""
        return self.url or self.doi_url or self.arxiv_url

    def get_preview_template(self, request, mode_name):
        return "papers/paper.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["paper"] = self
        context["cited_by"] = []
        return context


class PaperAuthor(Orderable):
    """One author of a paper, in byline order."""

    paper = ParentalKey(Paper, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(max_length=200, help_text="As printed: 'Albert Gu'.")

    panels = ["name"]

    def __str__(self):
        return self.name


class CitationStyle(models.TextChoices):
    """How a citation reads in the text."""

    NUMBERED = "numbered", "Numbered: [1]"
    AUTHOR_YEAR = "author-year", "Author–year: (Gu and Dao, 2023)"


@register_setting(icon="list-ol")
class CitationSettings(BaseGenericSetting):
    """How citations look on every page of the site."""

    style = models.CharField(
        max_length=20, choices=CitationStyle.choices, default=CitationStyle.NUMBERED
    )

    panels = ["style"]

    class Meta:
        verbose_name = "citation settings"
