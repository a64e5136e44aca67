"""RSS 2.0 and Atom feeds of posts, for the whole blog and for one tag.

Every URL in them is absolute on the public origin, every entry names an author
and carries the whole rendered post.
"""

import datetime
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.functional import cached_property
from django.utils.html import escape
from wagtail.models import Site

from home.models import SiteSettings
from home.origin import absolute_url

FEED_LENGTH = 20
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"


class FullTextRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the whole post in each item's content:encoded."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # The first author is Django's dc:creator; co-authors follow in order.
        for name, _ in item["co_authors"]:
            handler.addQuickElement("dc:creator", name, {"xmlns:dc": DC_NAMESPACE})
        handler.addQuickElement("content:encoded", item["content_html"])


class FullTextAtomFeed(Atom1Feed):
    """Atom 1.0 with the whole post in each entry's <content type="html">."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # Django writes the first <author>; co-authors follow, one element each.
        for name, link in item["co_authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if link:
                handler.addQuickElement("uri", link)
            handler.endElement("author")
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


def _absolute_srcset(srcset: str, base_url: str) -> str:
    candidates = (
        candidate.split(maxsplit=1)
        for candidate in srcset.split(",")
        if candidate.strip()
    )
    return ", ".join(
        " ".join([urljoin(base_url, parts[0]), *parts[1:]]) for parts in candidates
    )


def absolute_html(html: str, base_url: str) -> str:
    """``html`` with every link and image resolved against ``base_url``.

    A feed reader shows the post away from its page: ``/media/…`` and ``#fn1``
    mean nothing there.
    """
    soup = BeautifulSoup(html, "html.parser")
    for attribute in ("href", "src"):
        for tag in soup.find_all(attrs={attribute: True}):
            tag[attribute] = urljoin(base_url, tag[attribute])
    for tag in soup.find_all(srcset=True):
        tag["srcset"] = _absolute_srcset(tag["srcset"], base_url)
    return str(soup)


class PostsFeed(Feed):
    """The newest posts of a listing as RSS 2.0."""

    feed_type = FullTextRssFeed
    item_guid_is_permalink = True

    def __init__(self, *, title: str, link: str, description: str, posts):
        super().__init__()
        self.title = title
        self.page_link = link
        self.description = description
        self.subtitle = description
        self.posts = posts
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return absolute_url(self.page_link, self.request)

    def feed_url(self):
        return absolute_url(self.request.path, self.request)

    @cached_property
    def author_name(self) -> str:
        """SiteSettings' author, else the site's name: for posts without authors."""
        site = Site.find_for_request(self.request)
        if site is None:
            return settings.WAGTAIL_SITE_NAME
        author = SiteSettings.for_site(site).author_name
        return author or site.site_name or settings.WAGTAIL_SITE_NAME

    @cached_property
    def author_index(self):
        """The site's author index, which links each byline (one query)."""
        site = Site.find_for_request(self.request)
        if site is None:
            return None
        pages = apps.get_model("blog", "AuthorIndexPage").objects.live()
        return pages.in_site(site).first()

    def items(self):
        return self.posts[:FEED_LENGTH]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return escape(post.dek)

    def item_link(self, post):
        return absolute_url(post.url, self.request)

    def item_guid(self, post):
        return self.item_link(post)

    def item_bylines(self, post) -> list[tuple[str, str]]:
        """(name, absolute author page URL or "") of each author, in order."""
        return [
            (
                author.name,
                absolute_url(self.author_index.author_url(author), self.request)
                if self.author_index
                else "",
            )
            for author in post.author_list
        ]

    def item_author_name(self, post):
        bylines = self.item_bylines(post)
        return bylines[0][0] if bylines else self.author_name

    def item_author_link(self, post):
        bylines = self.item_bylines(post)
        return (bylines[0][1] or None) if bylines else None

    def item_pubdate(self, post):
        return timezone.make_aware(
            datetime.datetime.combine(post.date, datetime.time())
        )

    def item_updateddate(self, post):
        return post.last_published_at or self.item_pubdate(post)

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]

    def item_extra_kwargs(self, post):
        body = post.body.render_as_block(
            context={"page": post, "request": self.request}
        )
        return {
            "content_html": absolute_html(str(body), self.item_link(post)),
            "co_authors": self.item_bylines(post)[1:],
        }


class AtomPostsFeed(PostsFeed):
    """The same posts as an Atom 1.0 feed."""

    feed_type = FullTextAtomFeed
