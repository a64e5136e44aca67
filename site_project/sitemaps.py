"""The sitemap, with every location on the public origin."""

from wagtail.contrib.sitemaps import Sitemap

from home.origin import absolute_url


class PublicOriginSitemap(Sitemap):
    """Wagtail's sitemap, its locations moved from the Site record's origin."""

    def get_urls(self, page=1, site=None, protocol=None):
        # Wagtail roots each page's get_sitemap_urls() at Site.root_url, which
        # neither knows the request's host nor can say https on a port not 443.
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url_info in urls:
            url_info["location"] = absolute_url(url_info["location"], self.request)
        return urls
