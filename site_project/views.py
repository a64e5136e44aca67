"""Site-wide views: search across every kind of content, robots.txt, health."""

import logging
import unicodedata

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from home.origin import absolute_url
from site_project.search import add_excerpts, find_hits

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 20
PREFIX_MAX_WORDS = 2


def clean_query(raw: str) -> str:
    """The query as words: control characters (NUL breaks PostgreSQL) become spaces."""
    printable = "".join(
        " " if unicodedata.category(char) == "Cc" else char for char in raw
    )
    return " ".join(printable.split())


@require_GET
def search(request):
    query = clean_query(request.GET.get("q", ""))
    problem = ""
    results = []
    prefix_matches = False
    if len(query) > MAX_QUERY_LENGTH:
        problem = (
            f"Searches are limited to {MAX_QUERY_LENGTH} characters; try fewer words."
        )
    elif query:
        results = find_hits(query)
        if not results and len(query.split()) <= PREFIX_MAX_WORDS:
            # Nothing has these whole words: offer titles that start with them.
            results = find_hits(query, autocomplete=True)
            prefix_matches = bool(results)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    add_excerpts(page.object_list, query)
    return TemplateResponse(
        request,
        "search.html",
        {
            "query": query,
            "problem": problem,
            "results": page,
            "result_count": len(results),
            "prefix_matches": prefix_matches,
        },
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap_url = absolute_url(reverse("sitemap"), request)
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


@require_GET
@never_cache
def healthz(request):
    """Liveness: the process answers. Restart it only when this fails."""
    return HttpResponse("ok", content_type="text/plain")


READINESS_KEY = "scholia:readiness-probe"


@require_GET
@never_cache
def readyz(request):
    """Readiness: the database and the cache both answer; 503 while either does not.

    A load balancer sends traffic only to instances that are ready.
    """
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.warning("readiness: database unreachable", exc_info=True)
        problems.append("database")
    try:
        cache.set(READINESS_KEY, "ok", timeout=10)
        if cache.get(READINESS_KEY) != "ok":
            problems.append("cache")
    except Exception:  # every cache backend raises its own client's errors
        logger.warning("readiness: cache unreachable", exc_info=True)
        problems.append("cache")
    if problems:
        response = HttpResponse(
            "unavailable: " + ", ".join(problems), content_type="text/plain", status=503
        )
        response["Retry-After"] = "5"
        return response
    return HttpResponse("ready", content_type="text/plain")
