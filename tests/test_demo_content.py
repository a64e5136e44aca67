"""The demo site matches the seed captures in tests/seeds, and loading is idempotent."""

import re
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page, Revision
from wagtail.test.utils import WagtailPageTestCase

from blog.models import BlogIndexPage, PaperPostPage
from home.rendering.references import reference_syntax
from reviews.models import Episode, GlossaryTerm, TopicReviewPage
from tests.conftest import make_term, seed_lines, seed_posts, seed_sections

TERM = re.compile(r"\[\[[^\]]*\]\]")
REPO = Path(__file__).resolve().parent.parent


def squash(text: str) -> str:
    return " ".join(text.split())


def without_terms(text: str) -> str:
    """Text as the capture shows it: the glossary words were lost."""
    return squash(TERM.sub("", text))


def load(*args) -> str:
    out = StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


def site_state() -> tuple:
    return (
        Page.objects.count(),
        Revision.objects.count(),
        GlossaryTerm.objects.count(),
        Episode.objects.count(),
    )


class DemoContentTests(WagtailPageTestCase):
    """The demo site after one run of load_demo_content."""

    @classmethod
    def setUpTestData(cls):
        load()

    def setUp(self):
        self.blog = BlogIndexPage.objects.get(slug="writing")

    def test_writing_lists_every_seed_post_newest_first_with_its_summary(self):
        posts = list(self.blog.posts())
        expected = seed_posts("002")
        self.assertEqual(len(expected), 19)
        self.assertEqual([(p.title, p.dek) for p in posts], expected)
        dates = [p.date for p in posts]
        self.assertEqual(dates, sorted(dates, reverse=True))
        self.assertEqual(len(set(dates)), len(dates))

    def test_writing_pages_show_the_seed_titles_in_order(self):
        html = ""
        for page in (1, 2):
            response = self.client.get(f"/writing/?page={page}")
            self.assertEqual(response.status_code, 200)
            html += response.content.decode()
        positions = [
            html.index(title.replace("'", "&#x27;")) for title, _ in seed_posts("002")
        ]
        self.assertEqual(positions, sorted(positions))

    def test_writing_index_has_the_seed_intro(self):
        self.assertEqual(self.blog.title, seed_lines("002")[1])
        self.assertEqual(self.blog.intro, seed_lines("002")[3])

    def test_tag_pages_list_exactly_the_seed_posts_with_the_seed_count(self):
        for prefix, slug in (("000", "systems"), ("001", "ai")):
            with self.subTest(tag=slug):
                lines = seed_lines(prefix)
                count_line = next(line for line in lines if " posts tagged " in line)
                response = self.client.get(f"/writing/tags/{slug}/")
                self.assertContains(response, count_line)
                listed = [post.title for post in response.context["posts"]]
                self.assertEqual(listed, [title for title, _ in seed_posts(prefix)])

    def test_tag_counts_are_the_seed_counts(self):
        self.assertEqual(len(seed_posts("000")), 8)
        self.assertEqual(len(seed_posts("001")), 6)
        tagged = PaperPostPage.objects.filter(tags__name="Systems").count()
        self.assertEqual(tagged, 8)
        self.assertEqual(PaperPostPage.objects.filter(tags__name="AI").count(), 6)

    def test_post_bodies_are_marked_demo_text_built_from_the_summary(self):
        for post in PaperPostPage.objects.all():
            text = post.body[0].value
            self.assertIn("Demo text", text)
            self.assertIn(post.dek, text)

    def test_topic_page_shows_seed_title_count_and_sections(self):
        lines = seed_lines("003")
        topic = TopicReviewPage.objects.get()
        self.assertEqual(topic.title, lines[1])
        response = self.client.get(topic.url)
        expected_count = re.search(r"(\d+) episode", lines[0]).group(1)
        self.assertContains(response, f"Literature review · {expected_count} episodes")
        self.assertEqual(len(topic.anchor_episode_list()), int(expected_count))
        sections = [block.value for block in topic.body]
        self.assertEqual(
            [(s["heading"], without_terms(s["text"])) for s in sections],
            [(heading, squash(text)) for heading, text in seed_sections()],
        )
        for heading, _ in seed_sections():
            self.assertContains(response, heading)

    def test_every_cited_episode_exists_and_is_linked(self):
        seed_text = " ".join(text for _, text in seed_sections())
        codes = sorted(set(re.findall(r"\bE\d{3,}\b", seed_text)))
        self.assertEqual(
            codes,
            ["E016", "E027", "E032", "E033", "E036", "E041"]
            + ["E063", "E068", "E074", "E077"],
        )
        live_codes = set(
            Episode.objects.filter(live=True).values_list("code", flat=True)
        )
        self.assertEqual(live_codes, set(codes))
        response = self.client.get(TopicReviewPage.objects.get().url)
        for code in codes:
            lower = code.lower()
            self.assertContains(response, f'href="/episodes/{lower}/"')

    def test_restored_glossary_terms_resolve_and_link_on_the_topic_page(self):
        topic = TopicReviewPage.objects.get()
        text = " ".join(block.value["text"] for block in topic.body)
        self.assertEqual(reference_syntax().unknown(text), [])
        response = self.client.get(topic.url)
        for term in GlossaryTerm.objects.filter(live=True):
            self.assertContains(response, f'href="/glossary/{term.slug}/"')
            self.assertLess(len(term.definition), 300)

    def test_data_file_says_the_glossary_words_are_a_reconstruction(self):
        data = (REPO / "reviews" / "demo_topic.yaml").read_text(encoding="utf-8")
        self.assertIn("RECONSTRUCTION", data)

    def test_second_run_changes_nothing(self):
        before = site_state()
        output = load()
        self.assertIn("nothing to do", output)
        self.assertEqual(site_state(), before)

    def test_header_lists_the_sections_with_writing_first(self):
        html = self.client.get("/").content.decode()
        header = html[html.index('<header class="site-header">') :]
        header = header[: header.index("</header>")]
        self.assertEqual(
            re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', header),
            ["Writing", "Literature review", "Glossary", "Episodes"],
        )


class DemoEditsTests(WagtailPageTestCase):
    """load_demo_content never overwrites what a person changed after seeding."""

    @classmethod
    def setUpTestData(cls):
        load()
        cls.editor = get_user_model().objects.create_user("ada", password="x")
        cls.editor.groups.add(Group.objects.get(name="Moderators"))
        post = PaperPostPage.objects.get(slug="kafka")
        post.dek = "Ada's dek."
        post.save_revision(user=cls.editor).publish(user=cls.editor)
        topic = TopicReviewPage.objects.get()
        topic.title = "Ada's topic"
        topic.save_revision(user=cls.editor).publish(user=cls.editor)
        term = GlossaryTerm.objects.get(slug="kv-cache")
        term.definition = "Ada's definition."
        term.save()
        term.save_revision(user=cls.editor).publish(user=cls.editor)

    def assert_edits_kept(self):
        self.assertEqual(PaperPostPage.objects.get(slug="kafka").dek, "Ada's dek.")
        self.assertEqual(TopicReviewPage.objects.get().title, "Ada's topic")
        term = GlossaryTerm.objects.get(slug="kv-cache")
        self.assertEqual(term.definition, "Ada's definition.")

    def test_edits_made_in_the_admin_survive_a_second_run(self):
        revisions = Revision.objects.count()
        load()
        self.assert_edits_kept()
        self.assertEqual(Revision.objects.count(), revisions)
        self.assertIs(Revision.objects.filter(user__isnull=True).count() > 0, True)
        self.assertEqual(Revision.objects.filter(user=self.editor).count(), 3)

    def test_each_skipped_object_is_named_with_who_edited_it(self):
        output = load()
        for kind, label in (
            ("post", repr(PaperPostPage.objects.get(slug="kafka").title)),
            ("topic", "'Efficient architectures and serving'"),
            ("term", "'KV cache'"),
        ):
            with self.subTest(kind=kind):
                self.assertIn(
                    f"skipped {kind} {label}: edited by ada since it was seeded",
                    output,
                )
        self.assertIn("0 change(s), 3 skipped.", output)

    def test_a_change_written_without_a_user_is_kept_too(self):
        # What an import or a shell session writes: a revision with no user.
        post = PaperPostPage.objects.get(slug="dapper")
        post.dek = "Imported dek."
        post.save_revision().publish()
        output = load()
        post.refresh_from_db()
        self.assertEqual(post.dek, "Imported dek.")
        self.assertIn(f"skipped post {post.title!r}: changed since it was", output)

    def test_an_unpublished_demo_post_stays_unpublished(self):
        post = PaperPostPage.objects.get(slug="dapper")
        post.unpublish(user=self.editor)
        load()
        post.refresh_from_db()
        self.assertIs(post.live, False)

    def test_reset_puts_the_demo_version_back(self):
        output = load("--reset")
        post = PaperPostPage.objects.get(slug="kafka")
        self.assertEqual(post.dek, dict(seed_posts("002"))[post.title])
        self.assertEqual(TopicReviewPage.objects.get().title, seed_lines("003")[1])
        term = GlossaryTerm.objects.get(slug="kv-cache")
        self.assertNotEqual(term.definition, "Ada's definition.")
        self.assertIn(f"updated post {post.title!r}", output)
        self.assertIn("3 change(s), 0 skipped.", output)
        self.assertEqual(PaperPostPage.objects.count(), 19)
        self.assertEqual(Episode.objects.count(), 10)

    def test_if_empty_leaves_a_site_with_content_as_it_is(self):
        before = site_state()
        output = load("--if-empty")
        self.assertIn("already has content", output)
        self.assertIn("--if-empty leaves it as it is", output)
        self.assertEqual(site_state(), before)
        self.assert_edits_kept()


class IfEmptyTests(WagtailPageTestCase):
    """--if-empty seeds a fresh site, and refuses one with any term or page."""

    def test_seeds_a_site_that_has_only_its_home_page(self):
        output = load("--if-empty")
        self.assertIn("The site is empty: loading the demo content.", output)
        self.assertEqual(PaperPostPage.objects.count(), 19)
        self.assertEqual(load("--if-empty").count("already has content"), 1)

    def test_a_single_glossary_term_makes_the_site_not_empty(self):
        make_term("Speculative decoding")
        output = load("--if-empty")
        self.assertIn("(1 glossary term(s))", output)
        self.assertEqual(PaperPostPage.objects.count(), 0)


def test_the_running_site_never_reads_the_shared_seeds():
    sources = [
        REPO / "home" / "demo.py",
        REPO / "blog" / "demo.py",
        REPO / "reviews" / "demo.py",
        REPO / "site_project" / "management" / "commands" / "load_demo_content.py",
    ]
    for path in sources:
        assert "shared" not in path.read_text(encoding="utf-8"), path


def test_make_run_seeds_the_demo_content_only_on_an_empty_site():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("\nrun:") : makefile.index("\nmanage:")]
    assert "manage.py load_demo_content --if-empty" in recipe
    assert "load_demo_content &&" not in recipe
