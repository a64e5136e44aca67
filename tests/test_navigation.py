"""The header's sections follow the tree and "Show in menus" on the next request."""

import re

from django.contrib.auth.models import Group
from django.core.cache import cache
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from home.navigation import MENU_KEY, menu_pages
from tests.conftest import make_blog_index, make_reviews_tree

HEADER = re.compile(r'<header class="site-header">.*?</header>', re.S)


def in_menu(*pages) -> None:
    for page in pages:
        page.show_in_menus = True
        page.save_revision().publish()


class HeaderSectionTests(WagtailPageTestCase):
    """Sections appear and disappear on the next request, through the shared cache."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.glossary, cls.episodes, cls.topics = make_reviews_tree()
        in_menu(cls.blog, cls.topics, cls.glossary)

    def header_links(self) -> list[tuple[str, str]]:
        html = self.client.get("/glossary/").content.decode()
        header = HEADER.search(html).group(0)
        return re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', header)

    def test_header_lists_the_menu_sections_in_tree_order(self):
        self.assertEqual(
            self.header_links(),
            [
                ("/writing/", "Writing"),
                ("/glossary/", "Glossary"),
                ("/topics/", "Literature review"),
            ],
        )

    def test_a_page_not_shown_in_menus_is_not_a_section(self):
        self.assertNotIn(("/episodes/", "Episodes"), self.header_links())

    def test_a_section_published_into_the_menu_shows_on_the_next_request(self):
        self.header_links()
        in_menu(self.episodes)
        self.assertIn(("/episodes/", "Episodes"), self.header_links())

    def test_an_unpublished_section_disappears_on_the_next_request(self):
        self.header_links()
        self.topics.unpublish()
        self.assertNotIn(("/topics/", "Literature review"), self.header_links())

    def test_a_section_hidden_from_menus_disappears_on_the_next_request(self):
        self.header_links()
        self.blog.show_in_menus = False
        self.blog.save_revision().publish()
        self.assertNotIn(("/writing/", "Writing"), self.header_links())

    def test_the_sections_live_in_the_shared_cache_and_a_publish_clears_them(self):
        # Another process reads the same default cache (Redis in production);
        # whichever process publishes clears the entry there.
        self.header_links()
        key = MENU_KEY.format(site=self.blog.get_site().pk)
        self.assertIsNotNone(cache.get(key))
        in_menu(self.episodes)
        self.assertIsNone(cache.get(key))

    def test_a_page_deleted_leaves_the_menu_on_the_next_request(self):
        self.header_links()
        self.glossary.delete()
        self.assertNotIn(("/glossary/", "Glossary"), self.header_links())

    def test_a_section_restricted_to_a_group_is_not_shown_to_readers(self):
        restriction = PageViewRestriction.objects.create(
            page=self.topics, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.get(name="Editors"))
        self.assertNotIn(("/topics/", "Literature review"), self.header_links())

    def test_a_restriction_on_the_home_page_hides_every_section(self):
        home = Page.objects.get(depth=2)
        self.assertEqual(len(menu_pages(home)), 3)
        PageViewRestriction.objects.create(
            page=home, restriction_type=PageViewRestriction.LOGIN
        )
        self.assertEqual(list(menu_pages(home)), [])
