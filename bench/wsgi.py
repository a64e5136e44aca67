"""The site's WSGI application as the benchmark serves it.

Adds one bare Django view (``/__bench__/bare/``: a constant response through
the same middleware) as the yardstick, and with ``SCHOLIA_BENCH_PAGE_CACHE=0``
leaves the full-page cache out, so pages are rendered on every request.
Only bench/pages.py runs it (``gunicorn bench.wsgi:application``).
"""

import os

import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.settings")
django.setup(set_prefix=False)


@never_cache
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("__bench__/bare/", bare),
    path("", include("site_project.urls")),
]

settings.ROOT_URLCONF = __name__
if os.environ.get("SCHOLIA_BENCH_PAGE_CACHE", "1") == "0":
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.startswith("home.cache.")
    ]

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after the edits

application = get_wsgi_application()
