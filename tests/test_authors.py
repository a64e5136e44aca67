"""Authors: profiles, ordered bylines, author pages and feeds, JSON-LD, demo."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from lxml import etree
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase

from authors.models import Author, AuthorSettings
from authors.validators import validate_orcid
from blog.authorship import AuthorIndexPage, PaperPostAuthor
from blog.models import PaperPostPage
from home.models import HomePage
from tests.conftest import home_page, make_blog_index, make_post, publish
from tests.test_feeds import NS, fetch


def make_author(name="Ada Lovelace", *, live=True, **fields) -> Author:
    from django.utils.text import slugify

    author = Author(name=name, slug=slugify(name), live=live, **fields)
    author.full_clean()
    author.save()
    if live:
        author.save_revision().publish()
    return author


def make_author_index() -> AuthorIndexPage:
    return publish(
        home_page().add_child(instance=AuthorIndexPage(title="Authors", slug="authors"))
    )


def authored_post(blog, *authors, **fields) -> PaperPostPage:
    post = make_post(blog, **fields)
    post.post_authors = [
        PaperPostAuthor(author=author, sort_order=order)
        for order, author in enumerate(authors)
    ]
    return publish(post)


@pytest.mark.parametrize("orcid", ["0000-0002-1825-0097", "0000-0002-1694-233X"])
def test_valid_orcid_ids_pass(orcid):
    validate_orcid(orcid)


@pytest.mark.parametrize(
    "orcid", ["0000-0002-1825-0098", "0000-0002-1825", "https://orcid.org/x"]
)
def test_malformed_or_mistyped_orcid_ids_are_refused(orcid):
    with pytest.raises(ValidationError):
        validate_orcid(orcid)


class AuthorPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.index = make_author_index()
        cls.ada = make_author(
            "Ada Lovelace",
            bio="Wrote the first program.",
            orcid="0000-0002-1825-0097",
            github="ada",
        )
        cls.grace = make_author("Grace Hopper")
        cls.joint = authored_post(cls.blog, cls.ada, cls.grace, title="Joint work")
        cls.solo = authored_post(cls.blog, cls.grace, title="Grace alone")
        cls.draft = make_post(cls.blog, title="Ada's draft", live=False)
        cls.draft.post_authors = [PaperPostAuthor(author=cls.ada)]
        cls.draft.save_revision()

    def test_lives_only_under_the_home_page_once(self):
        self.assertAllowedParentPageTypes(AuthorIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(AuthorIndexPage, {})
        self.assertIs(AuthorIndexPage.can_create_at(home_page()), False)

    def test_author_page_lists_only_their_live_posts(self):
        response = self.client.get(self.index.author_url(self.ada))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Joint work")
        self.assertNotContains(response, "Grace alone")
        self.assertNotContains(response, "Ada&#x27;s draft")
        self.assertContains(response, "Wrote the first program.")
        self.assertContains(response, 'href="https://orcid.org/0000-0002-1825-0097"')
        self.assertContains(response, 'href="https://github.com/ada"')

    def test_author_url_is_reversed_from_the_route(self):
        self.assertEqual(self.index.author_url(self.ada), "/authors/ada-lovelace/")

    def test_draft_author_has_no_page(self):
        hidden = make_author("Hidden Person", live=False)
        response = self.client.get("/authors/hidden-person/")
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(
            self.client.get("/authors/"), hidden.name, status_code=200
        )

    def test_post_byline_names_authors_in_order_with_links(self):
        response = self.client.get(self.joint.url)
        self.assertContains(
            response,
            '<p class="byline">By <a href="/authors/ada-lovelace/" rel="author">'
            'Ada Lovelace</a> and <a href="/authors/grace-hopper/" rel="author">'
            "Grace Hopper</a></p>",
            html=True,
        )

    def test_post_cards_carry_bylines(self):
        response = self.client.get(self.blog.url)
        self.assertContains(response, 'rel="author">Grace Hopper</a>', count=2)

    def test_reordering_authors_changes_the_byline(self):
        self.joint.post_authors = [
            PaperPostAuthor(author=self.grace, sort_order=0),
            PaperPostAuthor(author=self.ada, sort_order=1),
        ]
        publish(self.joint)
        post = PaperPostPage.objects.get(pk=self.joint.pk)
        self.assertEqual(post.author_list, [self.grace, self.ada])

    def test_json_ld_names_each_author_as_a_person_with_same_as(self):
        response = self.client.get(self.joint.url)
        tree = etree.HTML(response.content)
        blocks = [
            json.loads(text)
            for text in tree.xpath("//script[@type='application/ld+json']/text()")
        ]
        (posting,) = [
            item
            for block in blocks
            for item in (block if isinstance(block, list) else [block])
            if item.get("@type") == "BlogPosting"
        ]
        ada, grace = posting["author"]
        self.assertEqual(ada["@type"], "Person")
        self.assertEqual(ada["name"], "Ada Lovelace")
        self.assertEqual(ada["url"], "http://testserver/authors/ada-lovelace/")
        self.assertEqual(
            ada["sameAs"],
            ["https://orcid.org/0000-0002-1825-0097", "https://github.com/ada"],
        )
        self.assertEqual(grace["name"], "Grace Hopper")
        self.assertNotIn("sameAs", grace)

    def test_author_feeds_validate_and_list_their_posts(self):
        for url in ("/authors/grace-hopper/feed/", "/authors/grace-hopper/feed/atom/"):
            feed = fetch(self.client, url)
            titles = {entry.title for entry in feed.entries}
            self.assertEqual(titles, {"Joint work", "Grace alone"})

    def test_atom_entries_name_every_author_with_their_page(self):
        response = self.client.get("/writing/feed/atom/")
        root = etree.fromstring(response.content)
        (entry,) = root.xpath("atom:entry[atom:title='Joint work']", namespaces=NS)
        self.assertEqual(
            entry.xpath("atom:author/atom:name/text()", namespaces=NS),
            ["Ada Lovelace", "Grace Hopper"],
        )
        self.assertEqual(
            entry.xpath("atom:author/atom:uri/text()", namespaces=NS),
            [
                "http://testserver/authors/ada-lovelace/",
                "http://testserver/authors/grace-hopper/",
            ],
        )

    def test_rss_items_name_every_author_as_dc_creator(self):
        root = etree.fromstring(self.client.get("/writing/feed/").content)
        (item,) = root.xpath("channel/item[title='Joint work']")
        self.assertEqual(
            item.xpath("dc:creator/text()", namespaces=NS),
            ["Ada Lovelace", "Grace Hopper"],
        )

    def test_new_post_form_starts_with_the_default_author(self):
        settings = AuthorSettings.for_site(Site.objects.get(is_default_site=True))
        settings.default_author = self.grace
        settings.save()
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser("admin", "a@b.c", "pw")
        self.client.force_login(admin)
        response = self.client.get(
            f"/admin/pages/add/blog/paperpostpage/{self.blog.pk}/"
        )
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        (child,) = form.formsets["post_authors"].forms
        self.assertEqual(child.initial.get("author"), self.grace.pk)


@pytest.mark.django_db
def test_demo_posts_are_by_the_seeds_author(client):
    call_command("load_demo_content", stdout=StringIO())
    author = Author.objects.get(slug="ashwani-jha")
    assert author.name == "Ashwani Jha"
    assert author.live is True
    posts = PaperPostPage.objects.live()
    assert posts.exists()
    assert all(post.author_list == [author] for post in posts)
    default = AuthorSettings.for_site(Site.objects.get(is_default_site=True))
    assert default.default_author == author
    response = client.get("/authors/ashwani-jha/")
    assert response.status_code == 200
    assert response.content.count(b'class="post-card"') == posts.count()
    output = StringIO()
    call_command("load_demo_content", stdout=output)
    assert "nothing to do" in output.getvalue()
