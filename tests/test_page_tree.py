"""Every page type: where it may be created, that it routes, renders, previews."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from blog.authorship import AuthorIndexPage
from blog.models import BlogIndexPage, PaperPostPage, TagIndexPage
from home.models import HomePage
from reviews.models import (
    EpisodeIndexPage,
    GlossaryPage,
    TopicIndexPage,
    TopicReviewPage,
)
from tests.conftest import (
    make_blog_index,
    make_episode,
    make_post,
    make_reviews_tree,
    make_term,
    make_topic,
)


def post_form_data() -> dict:
    return nested_form_data(
        {
            "title": "Titans, revised",
            "slug": "titans",
            "dek": "A revised dek.",
            "date": "2025-01-01",
            "tags": "Systems",
            "body": streamfield([("markdown", "Revised *text* on the [[KV cache]].")]),
            "comments": inline_formset([]),
            "discussed_papers": inline_formset([]),
            "post_authors": inline_formset([]),
        }
    )


def topic_form_data() -> dict:
    return nested_form_data(
        {
            "title": "Efficient serving",
            "slug": "efficient-serving",
            "intro": "",
            "body": streamfield(
                [("section", {"heading": "Attention", "anchor": "", "text": "E036."})]
            ),
            "anchor_episodes": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


class PageTreeRulesTests(WagtailPageTestCase):
    """The admin offers only the tree of SPEC §2."""

    def test_home_page_lives_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                BlogIndexPage,
                TopicIndexPage,
                GlossaryPage,
                EpisodeIndexPage,
                AuthorIndexPage,
            },
        )

    def test_posts_live_only_under_a_blog_index(self):
        self.assertAllowedParentPageTypes(PaperPostPage, {BlogIndexPage})
        self.assertCanCreateAt(BlogIndexPage, PaperPostPage)
        self.assertCanNotCreateAt(HomePage, PaperPostPage)
        self.assertCanNotCreateAt(TopicIndexPage, PaperPostPage)
        self.assertAllowedSubpageTypes(PaperPostPage, set())

    def test_blog_index_holds_posts_and_one_tag_index(self):
        self.assertCanCreateAt(HomePage, BlogIndexPage)
        self.assertAllowedSubpageTypes(BlogIndexPage, {PaperPostPage, TagIndexPage})
        self.assertAllowedParentPageTypes(TagIndexPage, {BlogIndexPage})
        blog = make_blog_index()
        self.assertIs(TagIndexPage.can_create_at(blog), False)

    def test_topics_live_only_under_a_topic_index(self):
        self.assertAllowedParentPageTypes(TopicReviewPage, {TopicIndexPage})
        self.assertCanNotCreateAt(BlogIndexPage, TopicReviewPage)
        self.assertAllowedSubpageTypes(TopicIndexPage, {TopicReviewPage})

    def test_glossary_episode_and_topic_indexes_are_singletons_under_home(self):
        for model in (GlossaryPage, EpisodeIndexPage, TopicIndexPage):
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, {HomePage})
        make_reviews_tree()
        home = HomePage.objects.get()
        for model in (GlossaryPage, EpisodeIndexPage, TopicIndexPage):
            with self.subTest(model=model.__name__):
                self.assertIs(model.can_create_at(home), False)
        self.assertAllowedSubpageTypes(GlossaryPage, set())
        self.assertAllowedSubpageTypes(EpisodeIndexPage, set())


class PagesRouteRenderAndPreviewTests(WagtailPageTestCase):
    """Each page type answers at its URL and in the admin preview."""

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.blog = make_blog_index()
        cls.tag_index = TagIndexPage.objects.get()
        cls.post = make_post(cls.blog, title="Titans", slug="titans", tags=["Systems"])
        cls.glossary, cls.episode_index, cls.topics = make_reviews_tree()
        cls.term = make_term("KV cache")
        cls.episode = make_episode("E036")
        cls.topic = make_topic(
            cls.topics,
            sections=[("Attention", "The [[KV cache]] grows E036.")],
            episodes=[cls.episode],
        )

    def pages(self):
        return [
            self.home,
            self.blog,
            self.post,
            self.tag_index,
            self.topics,
            self.topic,
            self.glossary,
            self.episode_index,
        ]

    def test_every_page_is_routable_and_renders(self):
        for page in self.pages():
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def test_every_page_is_previewable(self):
        stream_pages = {
            self.post.pk: post_form_data(),
            self.topic.pk: topic_form_data(),
        }
        for page in self.pages():
            with self.subTest(page=type(page).__name__):
                self.assertPageIsPreviewable(page, post_data=stream_pages.get(page.pk))

    def test_routable_subpages_render(self):
        routes = [
            (self.tag_index, "systems/"),
            (self.tag_index, "systems/feed/"),
            (self.tag_index, "systems/feed/atom/"),
            (self.blog, "feed/"),
            (self.blog, "feed/atom/"),
            (self.glossary, "kv-cache/"),
            (self.episode_index, "e036/"),
        ]
        for page, route in routes:
            with self.subTest(route=page.url + route):
                self.assertPageIsRoutable(page, route)
                self.assertPageIsRenderable(page, route)

    def test_public_urls_answer(self):
        for url in [
            "/",
            "/writing/",
            "/writing/titans/",
            "/writing/tags/",
            "/writing/tags/systems/",
            "/writing/feed/",
            "/writing/tags/systems/feed/atom/",
            "/topics/",
            "/topics/efficient-serving/",
            "/glossary/",
            "/glossary/kv-cache/",
            "/episodes/",
            "/episodes/e036/",
            "/search/?q=cache",
            "/sitemap.xml",
            "/robots.txt",
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_upper_case_episode_code_redirects_to_lower_case(self):
        response = self.client.get("/episodes/E036/")
        self.assertRedirects(response, "/episodes/e036/", status_code=301)

    def test_unknown_routes_are_404(self):
        for url in ["/writing/tags/nope/", "/glossary/nope/", "/episodes/e999/"]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
