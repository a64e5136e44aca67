"""Previous and next post: a chain through every live sibling, ordered by (date, id).

Posts that share a date are ordered by id, so none is skipped by the chain.
"""

from django.db.models import Q


class PostChainMixin:
    """For a post: its neighbours among ``siblings()`` by (date, id)."""

    def previous_post(self):
        earlier = Q(date__lt=self.date) | Q(date=self.date, pk__lt=self.pk)
        return self.siblings().filter(earlier).order_by("-date", "-pk").first()

    def next_post(self):
        later = Q(date__gt=self.date) | Q(date=self.date, pk__gt=self.pk)
        return self.siblings().filter(later).order_by("date", "pk").first()
