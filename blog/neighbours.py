"""A post's neighbours in its blog: related posts, previous and next."""

from django.db.models import Count, Q
from django.utils.functional import cached_property

from home.visibility import public


class PostNeighboursMixin:
    """The live, public posts beside this one, each list in one query."""

    def siblings(self):
        return public(type(self).objects.sibling_of(self, inclusive=False).live())

    def related_posts(self, limit: int = 3):
        tag_ids = [tag.pk for tag in self.tag_list]
        if not tag_ids:
            return type(self).objects.none()
        return (
            self.siblings()
            .filter(tags__in=tag_ids)
            .annotate(shared_tags=Count("tags", filter=Q(tags__in=tag_ids)))
            .order_by("-shared_tags", "-date")[:limit]
        )

    @cached_property
    def _neighbours(self) -> dict:
        """The previous and next posts by (date, id), read together in one query.

        Posts that share a date are ordered by id, so the chain skips none.
        """
        siblings = self.siblings()
        before = Q(date__lt=self.date) | Q(date=self.date, pk__lt=self.pk)
        after = Q(date__gt=self.date) | Q(date=self.date, pk__gt=self.pk)
        earlier = siblings.filter(before).order_by("-date", "-pk")
        later = siblings.filter(after).order_by("date", "pk")
        both = siblings.filter(
            Q(pk__in=earlier.values("pk")[:1]) | Q(pk__in=later.values("pk")[:1])
        )
        here = (self.date, self.pk)
        return {
            "previous" if (post.date, post.pk) < here else "next": post for post in both
        }

    def previous_post(self):
        return self._neighbours.get("previous")

    def next_post(self):
        return self._neighbours.get("next")
