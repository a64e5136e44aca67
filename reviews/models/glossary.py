"""Glossary terms: the words [[term]] references point at."""

import re

from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, PublishingPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtailmarkdown.fields import MarkdownField

from reviews.panels import UsagePanel
from reviews.redirects import redirect_renamed
from reviews.references.usage import pages_referencing

_ALIAS_SPLIT = re.compile(r"[,\n]")


class GlossaryTerm(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A term of art with a short definition (tooltips) and a longer explanation."""

    term = models.CharField(max_length=100, unique=True, help_text="As readers see it.")
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="The term's URL and the key [[slug]] references use.",
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other spellings that link here, separated by commas or new lines "
        "(e.g. 'KV caches, key-value cache').",
    )
    definition = models.CharField(
        max_length=300,
        help_text="One plain sentence, shown on hover and focus wherever the term "
        "is used.",
    )
    explanation = MarkdownField(
        blank=True,
        help_text="The longer explanation on the term's own page (markdown).",
    )
    revisions = GenericRelation(
        "wagtailcore.Revision", related_query_name="glossary_term"
    )

    panels = [
        TitleFieldPanel("term", placeholder=False),
        FieldPanel("slug", widget=SlugInput),
        FieldPanel("aliases"),
        FieldPanel("definition"),
        FieldPanel("explanation"),
        PublishingPanel(),
        UsagePanel(heading="Used in", empty_text="No published page uses this term."),
    ]
    search_fields = [
        index.SearchField("term", boost=3),
        index.AutocompleteField("term"),
        index.SearchField("aliases"),
        index.SearchField("definition"),
        index.SearchField("explanation"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["term"]
        verbose_name = "glossary term"

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        stored = GlossaryTerm.objects.filter(pk=self.pk).values_list("slug", flat=True)
        old_slug = stored.first() if self.pk else None
        super().save(*args, **kwargs)
        if old_slug and old_slug != self.slug:
            # The old address keeps working; [[old-slug]] in text does not.
            redirect_renamed("reviews.GlossaryPage", "term", old_slug, self.slug)

    def alias_list(self) -> list[str]:
        return [
            alias.strip() for alias in _ALIAS_SPLIT.split(self.aliases) if alias.strip()
        ]

    def lookup_keys(self) -> set[str]:
        """Every lower-cased spelling a [[reference]] may use for this term."""
        return {
            self.slug,
            self.term.lower(),
            *(alias.lower() for alias in self.alias_list()),
        }

    def clean(self):
        super().clean()
        if not self.slug:
            self.slug = slugify(self.term)
        clashes = {}
        for other in GlossaryTerm.objects.exclude(pk=self.pk).only(
            "term", "slug", "aliases"
        ):
            shared = self.lookup_keys() & other.lookup_keys()
            if shared:
                clashes[other.term] = sorted(shared)
        if clashes:
            detail = "; ".join(
                f"{', '.join(keys)} (used by '{t}')" for t, keys in clashes.items()
            )
            raise ValidationError(
                {"aliases": f"Already taken by another term: {detail}."}
            )

    def get_url(self, request=None) -> str:
        """The term's page under the site's glossary ("" without a glossary)."""
        # By name: the glossary page's module imports this one.
        glossary = apps.get_model("reviews", "GlossaryPage").for_request(request)
        return glossary.term_url(self, request) if glossary else ""

    @property
    def preview_modes(self):
        return [("", "Glossary entry"), ("tooltip", "Tooltip")]

    def get_preview_template(self, request, mode_name):
        if mode_name == "tooltip":
            return "previews/glossary_tooltip.html"
        return "reviews/glossary_term.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["term"] = self
        context["used_in"] = pages_referencing(self) if self.pk else []
        return context
