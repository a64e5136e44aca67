"""RSS 2.0 and Atom feeds of posts, for the whole blog and for one tag."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 20


class PostsFeed(Feed):
    """The newest posts of a listing as RSS 2.0."""

    def __init__(self, *, title: str, link: str, description: str, posts):
        super().__init__()
        self.title = title
        self.link = link
        self.description = description
        self.subtitle = description
        self.posts = posts

    def items(self):
        return self.posts[:FEED_LENGTH]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.dek

    def item_link(self, post):
        return post.url

    def item_guid(self, post):
        return post.url

    def item_pubdate(self, post):
        return timezone.make_aware(
            datetime.datetime.combine(post.date, datetime.time())
        )

    def item_updateddate(self, post):
        return post.last_published_at

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]


class AtomPostsFeed(PostsFeed):
    """The same posts as an Atom 1.0 feed."""

    feed_type = Atom1Feed
