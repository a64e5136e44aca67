from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from blog.views import serve_cite_download
from site_project import views
from site_project.api import api_router
from site_project.sitemaps import PublicOriginSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PublicOriginSitemap}},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz/", views.healthz, name="healthz"),
    path("readyz/", views.readyz, name="readyz"),
    path("share/", include("sharing.urls")),
    path("papers/", include("papers.urls")),
    path("api/v2/", api_router.urls),
    # A post's cite downloads: Wagtail's own page pattern takes no dots.
    re_path(
        r"^((?:[\w\-]+/)+)(cite\.(?:bib|ris|json))/?$",
        serve_cite_download,
        name="cite_download",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

# A lost database connection anywhere (middleware, sessions) answers the 503 page.
handler500 = "site_project.resilience.server_error"
