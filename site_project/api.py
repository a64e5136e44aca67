"""The read API (Wagtail API v2 at /api/v2/): live pages, and published papers."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from papers.api import PaperAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("papers", PaperAPIViewSet)
