"""The sitemap, with every location on the public origin."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.origin import absolute_url
from home.visibility import public


class PublicOriginSitemap(Sitemap):
    """Wagtail's sitemap, its locations moved from the Site record's origin."""

    def get_urls(self, page=1, site=None, protocol=None):
        # Wagtail roots each page's get_sitemap_urls() at Site.root_url, which
        # neither knows the request's host nor can say https on a port not 443.
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url_info in urls:
            url_info["location"] = absolute_url(url_info["location"], self.request)
        return urls

    def items(self):
        # Every location needs only the base page's fields; see _urls.
        root = self.get_wagtail_site().root_page
        pages = root.get_descendants(inclusive=True).live()
        return public(pages).order_by("path").defer_streamfields()

    def _urls(self, page, protocol, domain):
        # As Wagtail's, but only pages that list more than themselves (routable
        # indexes: tags, terms, episodes) are loaded as their specific class,
        # instead of a query per page type or per deferred field.
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list:
            page_class = item.specific_class
            if page_class and page_class.get_sitemap_urls is not Page.get_sitemap_urls:
                item = item.specific
            for url_info in item.get_sitemap_urls(self.request):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
