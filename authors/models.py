"""Authors: who wrote a post, with links readers and search engines follow."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, PublishingPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index

from authors.validators import validate_orcid

github_username_validator = RegexValidator(
    r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$",
    "Enter a GitHub username (letters, digits and hyphens), without the URL.",
)


class Author(
    DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, models.Model
):
    """A person who writes posts: name, short bio, avatar and profile links."""

    name = models.CharField(max_length=100, help_text="As the byline shows it.")
    slug = models.SlugField(
        max_length=100, unique=True, help_text="The author's page: /authors/<slug>/."
    )
    bio = models.TextField(
        blank=True, max_length=600, help_text="A sentence or two, shown on their page."
    )
    avatar = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square photo or drawing; shown small beside the bio.",
    )
    website = models.URLField(blank=True, help_text="Personal site or homepage.")
    orcid = models.CharField(
        "ORCID iD",
        max_length=19,
        blank=True,
        validators=[validate_orcid],
        help_text="e.g. 0000-0002-1825-0097 (without https://orcid.org/).",
    )
    google_scholar = models.URLField(
        "Google Scholar", blank=True, help_text="The profile's full URL."
    )
    github = models.CharField(
        "GitHub",
        max_length=39,
        blank=True,
        validators=[github_username_validator],
        help_text="Username only, e.g. octocat.",
    )
    social = models.URLField(
        "X or Mastodon",
        blank=True,
        help_text="The profile's full URL, e.g. https://mastodon.social/@name.",
    )
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="author")

    panels = [
        TitleFieldPanel("name", placeholder=False),
        FieldPanel("slug", widget=SlugInput),
        FieldPanel("bio"),
        FieldPanel("avatar"),
        FieldPanel("website"),
        FieldPanel("orcid"),
        FieldPanel("google_scholar"),
        FieldPanel("github"),
        FieldPanel("social"),
        PublishingPanel(),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("bio"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not self.slug:
            self.slug = slugify(self.name)
        self.orcid = self.orcid.strip().upper()

    def profile_links(self) -> list[tuple[str, str]]:
        """(label, URL) of every profile the author gave, in panel order."""
        links = [
            ("Website", self.website),
            ("ORCID", f"https://orcid.org/{self.orcid}" if self.orcid else ""),
            ("Google Scholar", self.google_scholar),
            ("GitHub", f"https://github.com/{self.github}" if self.github else ""),
            ("X / Mastodon", self.social),
        ]
        return [(label, url) for label, url in links if url]

    def person(self, url: str = "") -> dict:
        """schema.org Person; ``url`` is the author's page on this site."""
        person = {"@type": "Person", "name": self.name}
        if url:
            person["url"] = url
        same_as = [link for _, link in self.profile_links()]
        if same_as:
            person["sameAs"] = same_as
        return person

    def get_preview_template(self, request, mode_name):
        return "authors/author_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["author"] = self
        return context


@register_setting(icon="user")
class AuthorSettings(BaseSiteSetting):
    """Who a new post is by until the editor says otherwise."""

    default_author = models.ForeignKey(
        Author,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Filled in as the first author of every new post.",
    )

    panels = [FieldPanel("default_author")]

    class Meta:
        verbose_name = "author settings"
