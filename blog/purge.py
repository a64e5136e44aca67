"""Which URLs show a post or the writing index: what a change to them purges."""

import math
from collections import defaultdict

from django.db.models import Count, Q

from blog.models import POSTS_PER_PAGE, BlogIndexPage, PaperPostPage
from home.cache.purge import page_path, sitemap_paths
from home.visibility import public


def blog_index_paths(blog: BlogIndexPage) -> set[str]:
    """Every page of the listing, its feeds, the home page and the sitemap."""
    base = page_path(blog)
    if not base:
        return set()
    pages = math.ceil(blog.posts().count() / POSTS_PER_PAGE) + 1
    paths = {"/", *sitemap_paths(), base, f"{base}feed/", f"{base}feed/atom/"}
    paths |= {f"{base}?page={number}" for number in range(1, pages + 1)}
    tag_index = blog.tag_index
    if tag_index is not None:
        paths.add(page_path(tag_index))
    return paths


def tag_paths(blog: BlogIndexPage, tag_slugs) -> set[str]:
    tag_index = blog.tag_index
    base = page_path(tag_index) if tag_index is not None else None
    if not base:
        return set()
    return {
        path
        for slug in tag_slugs
        for path in (
            f"{base}{slug}/",
            f"{base}{slug}/feed/",
            f"{base}{slug}/feed/atom/",
        )
    }


def listing_it_as_related(post: PaperPostPage) -> set[PaperPostPage]:
    """Live posts whose 'related' list shows ``post`` (counted as live).

    Posts with the same tags rank the others alike, so there is one query per
    distinct tag set among the posts sharing a tag with it; the post's own
    live state does not change the answer (same set before and after an
    unpublish).
    """
    tag_ids = [tag.pk for tag in post.tags.all()]
    if not tag_ids:
        return set()
    candidates = (
        public(PaperPostPage.objects.sibling_of(post, inclusive=False).live())
        .filter(tags__in=tag_ids)
        .distinct()
        .prefetch_related("tags")
    )
    by_tag_set = defaultdict(list)
    for candidate in candidates:
        by_tag_set[frozenset(tag.pk for tag in candidate.tags.all())].append(candidate)
    listing = set()
    for their_tags, group in by_tag_set.items():
        # The top four: each post of the group drops itself and keeps three.
        ranked = list(
            public(PaperPostPage.objects.sibling_of(post))
            .filter(Q(live=True) | Q(pk=post.pk))
            .filter(tags__in=their_tags)
            .annotate(shared_tags=Count("tags", filter=Q(tags__in=their_tags)))
            .order_by("-shared_tags", "-date")
            .values_list("pk", flat=True)[:4]
        )
        for candidate in group:
            if post.pk in [pk for pk in ranked if pk != candidate.pk][:3]:
                listing.add(candidate)
    return listing


def post_paths(post: PaperPostPage) -> set[str]:
    """The post, the writing index's pages and feeds, its tags' pages and feeds,
    its neighbours, the posts listing it as related, home and sitemap."""
    blog = post.get_parent().specific
    paths = blog_index_paths(blog) if isinstance(blog, BlogIndexPage) else set()
    own = page_path(post)
    if own:
        paths.add(own)
    if isinstance(blog, BlogIndexPage):
        paths |= tag_paths(blog, [tag.slug for tag in post.tags.all()])
    neighbours = [post.previous_post(), post.next_post()]
    for other in [*neighbours, *listing_it_as_related(post)]:
        if other is not None:
            paths.add(page_path(other))
    return paths


def every_path() -> set[str]:
    """Every page of every listing, its feeds, and every tag's page and feeds."""
    paths = set()
    for blog in BlogIndexPage.objects.live():
        paths |= blog_index_paths(blog)
        tag_index = blog.tag_index
        if tag_index is not None:
            paths |= tag_paths(blog, [tag.slug for tag in tag_index.tags_with_counts()])
    return paths
