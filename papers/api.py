"""The papers endpoint of the read API (Wagtail API v2): published records only."""

from wagtail.api.v2.views import BaseAPIViewSet

from papers.models import Paper


class PaperAPIViewSet(BaseAPIViewSet):
    """/api/v2/papers/: published papers with their ordered authors."""

    model = Paper
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "title",
        "author_names",
        "year",
        "venue",
        "venue_kind",
        "doi",
        "arxiv_id",
        "url",
        "abstract",
        "citation_key",
    ]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "title",
        "author_names",
        "year",
        "citation_key",
    ]
    name = "papers"

    def get_queryset(self):
        return (
            Paper.objects.filter(live=True)
            .prefetch_related("authors")
            .order_by("citation_key")
        )
