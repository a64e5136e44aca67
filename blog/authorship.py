"""Who wrote each post: the ordered byline, the author pages and their feeds.

The pages live in `blog`, not `authors`: an author page is a listing of posts
with post feeds, like a tag page, and `authors` stays a leaf app that any other
app may use without pulling in the blog.
"""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, Site

from authors.models import Author, AuthorSettings
from blog.feeds import AtomPostsFeed, PostsFeed
from home.forms import ReferenceCheckingPageForm
from home.models import SiteSettings
from home.origin import absolute_url


class PaperPostAuthor(Orderable):
    """One author of a post, in byline order."""

    page = ParentalKey(
        "blog.PaperPostPage", on_delete=models.CASCADE, related_name="post_authors"
    )
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name="post_links"
    )

    panels = ["author"]

    class Meta(Orderable.Meta):
        verbose_name = "post author"

    def __str__(self):
        return str(self.author)


def bylines_prefetch() -> Prefetch:
    """For listings: every post's author links and authors in one query."""
    return Prefetch(
        "post_authors", queryset=PaperPostAuthor.objects.select_related("author")
    )


class AuthoredPostMixin:
    """The parts of a post that read its authors."""

    @cached_property
    def author_list(self) -> list[Author]:
        """Live authors in byline order: one query, none when prefetched."""
        links = self.post_authors.all()
        if "post_authors" not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("author")
        return [link.author for link in links if link.author.live]

    def authors_json_ld(self, request) -> list[dict]:
        """schema.org Person for each author, linking their page and profiles.

        A post without authors is by the site's author name (SiteSettings), as
        its feed entries are, else by the site itself.
        """
        if not self.author_list:
            return [fallback_author(request)]
        author_index = self.blog_index.author_index
        return [
            author.person(
                absolute_url(author_index.author_url(author), request)
                if author_index
                else ""
            )
            for author in self.author_list
        ]


def fallback_author(request) -> dict:
    site_settings = SiteSettings.for_request(request) if request else None
    if site_settings and site_settings.author_name:
        return {"@type": "Person", "name": site_settings.author_name}
    site = Site.find_for_request(request) if request else None
    name = (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
    return {"@type": "Organization", "name": name}


class AuthoredPageForm(ReferenceCheckingPageForm):
    """A new post starts with the site's default author as its byline."""

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        parent = kwargs.get("parent_page")
        is_new_form = instance is not None and instance.pk is None and not args
        if is_new_form and parent is not None and not kwargs.get("data"):
            site = parent.get_site()
            author = AuthorSettings.for_site(site).default_author if site else None
            if author is not None and not instance.post_authors.all():
                instance.post_authors = [PaperPostAuthor(author=author, sort_order=0)]
        super().__init__(*args, **kwargs)


class AuthorIndexPage(RoutablePageMixin, Page):
    """Every author, and one page per author with their posts and feeds."""

    intro = models.TextField(blank=True, help_text="Shown above the list of authors.")

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = [*Page.content_panels, "intro"]

    class Meta:
        verbose_name = "author index page"

    def authors(self):
        return Author.objects.filter(live=True).select_related("avatar")

    def author_url(self, author: Author) -> str:
        return self.url + self.reverse_subpage("author", args=[author.slug])

    def posts_by(self, author: Author):
        """The author's live, public posts, newest first, ready for listing."""
        post_model = apps.get_model("blog", "PaperPostPage")
        return (
            post_model.objects.live()
            .public()
            .filter(post_authors__author=author)
            .order_by("-date", "-pk")
            .select_related("hero_image")
            .prefetch_related("tags", "hero_image__renditions", bylines_prefetch())
        )

    def live_author(self, slug: str) -> Author:
        return get_object_or_404(self.authors(), slug=slug)

    def get_sitemap_urls(self, request=None):
        """This page and one entry per live author."""
        base = self.get_full_url(request)
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": base + self.reverse_subpage("author", args=[slug])}
                for slug in self.authors().values_list("slug", flat=True)
            ),
        ]

    @path("")
    def author_list(self, request):
        return self.render(request, context_overrides={"authors": self.authors()})

    @path("<slug:slug>/", name="author")
    def author(self, request, slug):
        author = self.live_author(slug)
        posts = list(self.posts_by(author))
        return self.render(
            request,
            template="blog/author_page.html",
            context_overrides={
                "author": author,
                "posts": posts,
                "blog": posts[0].blog_index if posts else None,
                "meta_title": author.name,
                "meta_description": author.bio or f"Posts by {author.name}.",
                "og_type": "profile",
                "json_ld_items": [
                    {
                        "@context": "https://schema.org",
                        "@type": "ProfilePage",
                        "mainEntity": author.person(
                            absolute_url(self.author_url(author), request)
                        ),
                    }
                ],
            },
        )

    def author_feed(self, request, slug, feed_class):
        author = self.live_author(slug)
        return feed_class(
            title=f"Posts by {author.name}",
            link=self.author_url(author),
            description=author.bio or f"The newest posts by {author.name}.",
            posts=self.posts_by(author),
        )(request)

    @path("<slug:slug>/feed/", name="author_feed")
    def author_rss_feed(self, request, slug):
        return self.author_feed(request, slug, PostsFeed)

    @path("<slug:slug>/feed/atom/", name="author_atom_feed")
    def author_atom_feed(self, request, slug):
        return self.author_feed(request, slug, AtomPostsFeed)


class AuthorsMixin:
    """For a blog index: the live author index beside it, read once."""

    @cached_property
    def author_index(self) -> "AuthorIndexPage | None":
        return AuthorIndexPage.objects.sibling_of(self).live().first()
