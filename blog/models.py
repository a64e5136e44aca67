"""Writing: the blog index, paper posts and tag pages."""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from blog import authorship
from blog.authorship import AuthoredPageForm, AuthoredPostMixin, AuthorsMixin
from blog.blocks import PostBodyBlock
from blog.citing import CitablePostMixin
from blog.deks import fill_dek
from blog.feeds import AtomPostsFeed, PostsFeed
from blog.neighbours import PostNeighboursMixin
from blog.papers import PaperPostPaper, blog_posting, discussed_papers, highwire_tags
from home.metadata import breadcrumb_list
from home.rendering.document import page_document
from home.rendering.text import reading_minutes
from home.routing import SpecificChildRouteMixin
from home.visibility import OneQueryViewRestrictionsMixin, public
from papers.citations.syntax import cited_papers
from papers.identifiers import arxiv_id_validator

POSTS_PER_PAGE = 10

__all__ = ["BlogIndexPage", "PaperPostPage", "PaperPostPaper", "TagIndexPage"]


class BlogIndexPage(
    OneQueryViewRestrictionsMixin,
    AuthorsMixin,
    RoutablePageMixin,
    SpecificChildRouteMixin,
    Page,
):
    """The 'Writing' section: every post, newest first, with feeds."""

    intro = models.TextField(blank=True, help_text="Shown above the list of posts.")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.PaperPostPage", "blog.TagIndexPage"]
    content_panels = [*Page.content_panels, "intro"]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = "blog index page"

    def posts(self):
        """Live, public posts under this index, newest first, ready for listing."""
        return (
            public(PaperPostPage.objects.child_of(self).live())
            .order_by("-date", "-pk")
            .select_related("hero_image")
            # The cards' pictures read these; no query when no post has an image.
            .prefetch_related(
                "tags", "hero_image__renditions", authorship.bylines_prefetch()
            )
        )

    @cached_property
    def tag_index(self):
        return TagIndexPage.objects.child_of(self).live().first()

    def home_teaser(self, limit: int = 5):
        # The home page shows titles only: no tags to prefetch.
        return self.posts().prefetch_related(None)[:limit]

    def tag_url(self, tag) -> str:
        tag_index = self.tag_index
        if tag_index is None:
            return ""
        return tag_index.url + tag_index.reverse_subpage("tag", args=[tag.slug])

    @path("")
    def listing(self, request):
        page_number = request.GET.get("page") or 1
        posts = Paginator(self.posts(), POSTS_PER_PAGE).get_page(page_number)
        return self.render(request, context_overrides={"posts": posts})

    def feed(self, request, feed_class):
        title = self.title
        return feed_class(
            title=title,
            link=self.url,
            description=self.intro or f"The newest posts of {title}.",
            posts=self.posts(),
        )(request)

    @path("feed/", name="feed")
    def rss_feed(self, request):
        return self.feed(request, PostsFeed)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        return self.feed(request, AtomPostsFeed)


def parent_blog_index(page: Page) -> BlogIndexPage:
    """The page's parent index; free when routing already cached it on the page."""
    parent = page.get_parent()
    return parent if isinstance(parent, BlogIndexPage) else parent.specific


class PaperPostTag(TaggedItemBase):
    """Links a post to one of its tags."""

    content_object = ParentalKey(
        "blog.PaperPostPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PaperPostPage(
    OneQueryViewRestrictionsMixin,
    AuthoredPostMixin,
    PostNeighboursMixin,
    CitablePostMixin,
    Page,
):
    """One 'What the paper actually says' post."""

    dek = models.TextField(
        blank=True,
        help_text="One paragraph, shown in listings and feeds. "
        "Leave empty to use the start of the body.",
    )
    dek_derived = models.BooleanField(default=False, editable=False)
    date = models.DateField(help_text="Publication date shown to readers.")
    tags = ClusterTaggableManager(through="blog.PaperPostTag", blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional; also used on social cards.",
    )
    paper_title = models.CharField(
        "title",
        max_length=300,
        blank=True,
        help_text="The paper's full title; the post's paper box and JSON-LD use it.",
    )
    paper_authors = models.CharField(
        "authors",
        max_length=500,
        blank=True,
        help_text="As cited, e.g. 'Fedus, Zoph, Shazeer'.",
    )
    paper_year = models.PositiveSmallIntegerField(
        "year", null=True, blank=True, help_text="Year of publication."
    )
    paper_venue = models.CharField(
        "venue", max_length=200, blank=True, help_text="Conference, journal or 'arXiv'."
    )
    paper_url = models.URLField(
        "URL",
        blank=True,
        help_text="Where to read the paper (publisher, DOI or PDF). "
        "Leave empty to link the arXiv id instead.",
    )
    paper_arxiv_id = models.CharField(
        "arXiv id",
        max_length=40,
        blank=True,
        validators=[arxiv_id_validator],
        help_text="e.g. 2401.12345 or 2401.12345v2.",
    )
    body = StreamField(PostBodyBlock())
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []
    base_form_class = AuthoredPageForm
    content_panels = [
        *Page.content_panels,
        "post_authors",
        "dek",
        "date",
        "tags",
        "hero_image",
        InlinePanel("discussed_papers", heading="Papers discussed", label="Paper"),
        MultiFieldPanel(
            [
                FieldPanel("paper_title"),
                FieldPanel("paper_authors"),
                FieldPanel("paper_year"),
                FieldPanel("paper_venue"),
                FieldPanel("paper_url"),
                FieldPanel("paper_arxiv_id"),
            ],
            heading="The paper (as imported from markdown)",
            classname="collapsed",
        ),
        "body",
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("dek"),
        index.SearchField("body"),
        index.SearchField("paper_title"),
        index.SearchField("paper_authors"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = "paper post"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._dek_as_loaded = self.dek

    def clean(self):
        super().clean()
        fill_dek(self)

    def save(self, *args, **kwargs):
        self.reading_minutes = reading_minutes(self.body)
        fill_dek(self)
        return super().save(*args, **kwargs)

    @property
    def paper_link(self) -> str:
        if self.paper_url or not self.paper_arxiv_id:
            return self.paper_url
        return f"https://arxiv.org/abs/{self.paper_arxiv_id}"

    @cached_property
    def papers(self) -> list:
        """The live papers this post discusses, in the paper box's order."""
        return discussed_papers(self)

    @cached_property
    def references(self) -> list:
        """The live papers the body cites, numbered: the References section."""
        return cited_papers(self.body)

    def highwire_tags(self) -> list[tuple[str, str]]:
        return highwire_tags(self.papers[0]) if self.papers else []

    def table_of_contents(self) -> list[dict]:
        """Section and subsection headings of every block, markdown's included."""
        document = page_document(self)
        return [
            heading
            for heading in (document.headings if document else [])
            if heading["level"] in ("h2", "h3")
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["blog"] = self.blog_index
        context["og_type"] = "article"
        context["json_ld_items"] = self.structured_data(request)
        return context

    def structured_data(self, request) -> list[dict]:
        """BlogPosting about the paper (a ScholarlyArticle), and breadcrumbs."""
        blog = self.blog_index
        crumbs = [(blog.title, blog.url), (self.title, self.url)]
        return [blog_posting(self, request), breadcrumb_list(request, crumbs)]

    @cached_property
    def blog_index(self) -> BlogIndexPage:
        return parent_blog_index(self)

    @cached_property
    def tag_list(self) -> list:
        """The post's tags, read once per page view."""
        return list(self.tags.all())

    @property
    def preview_modes(self):
        return [("", "Full page"), ("card", "Listing card"), ("social", "Social card")]

    def get_preview_template(self, request, mode_name):
        previews = {
            "card": "previews/post_card.html",
            "social": "previews/social_card.html",
        }
        return previews.get(mode_name) or super().get_preview_template(
            request, mode_name
        )


class TagIndexPage(OneQueryViewRestrictionsMixin, RoutablePageMixin, Page):
    """Tags of the blog above it: every tag with its count, and one page per tag."""

    max_count_per_parent = 1
    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "tag index page"

    @cached_property
    def blog_index(self) -> BlogIndexPage:
        return parent_blog_index(self)

    def tags_with_counts(self):
        """Tags used by live posts, most used first."""
        posts = public(PaperPostPage.objects.sibling_of(self).live()).values("pk")
        return (
            Tag.objects.filter(blog_paperposttag_items__content_object__in=posts)
            .annotate(post_count=Count("blog_paperposttag_items"))
            .order_by("-post_count", "name")
        )

    def tagged_posts(self, tag_slug: str):
        tag = get_object_or_404(Tag, slug=tag_slug)
        posts = self.blog_index.posts().filter(tags=tag)
        return tag, posts

    def get_sitemap_urls(self, request=None):
        """This page and one entry per tag in use (one query for the tags)."""
        base = self.get_full_url(request)
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": base + self.reverse_subpage("tag", args=[tag.slug])}
                for tag in self.tags_with_counts()
            ),
        ]

    @path("")
    def tag_list(self, request):
        return self.render(request, context_overrides={"tags": self.tags_with_counts()})

    @path("<slug:tag_slug>/", name="tag")
    def tag(self, request, tag_slug):
        tag, posts = self.tagged_posts(tag_slug)
        posts = list(posts)
        if not posts:
            raise Http404("No published posts carry this tag.")
        return self.render(
            request,
            template="blog/tag_page.html",
            context_overrides={
                "tag": tag,
                "posts": posts,
                "meta_title": tag.name,
                "meta_description": f"Posts tagged {tag.name}.",
            },
        )

    def tag_feed(self, request, tag_slug, feed_class):
        tag, posts = self.tagged_posts(tag_slug)
        return feed_class(
            title=f"{self.blog_index.title} · {tag.name}",
            link=self.url + self.reverse_subpage("tag", args=[tag.slug]),
            description=f"Posts tagged {tag.name}.",
            posts=posts,
        )(request)

    @path("<slug:tag_slug>/feed/", name="tag_feed")
    def tag_rss_feed(self, request, tag_slug):
        return self.tag_feed(request, tag_slug, PostsFeed)

    @path("<slug:tag_slug>/feed/atom/", name="tag_atom_feed")
    def tag_atom_feed(self, request, tag_slug):
        return self.tag_feed(request, tag_slug, AtomPostsFeed)
