"""Images render everywhere: hero, cards, figures, previews and social tags."""

import tempfile
from html.parser import HTMLParser

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    streamfield,
)

from blog.models import PaperPostPage
from home.blocks.media import FigureBlock
from home.models import SiteSettings
from tests.conftest import make_blog_index, make_post


class Elements(HTMLParser):
    """Every start tag of a document, with its attributes, in order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def all(self, tag: str, **match) -> list[dict]:
        return [
            attrs
            for name, attrs in self.found
            if name == tag and all(attrs.get(k) == v for k, v in match.items())
        ]

    def media_images(self) -> list[dict]:
        """The <img> elements showing uploaded images (not icons or the userbar)."""
        return [attrs for attrs in self.all("img") if "/media/images/" in attrs["src"]]

    def meta(self, key: str) -> str | None:
        for attrs in self.all("meta"):
            if key in (attrs.get("property"), attrs.get("name")):
                return attrs.get("content")
        return None


def make_image(title="Attention heatmap", size=(1600, 1000), **fields) -> Image:
    return Image.objects.create(
        title=title, file=get_test_image_file(size=size), **fields
    )


def srcset_widths(srcset: str) -> list[str]:
    return [candidate.split()[-1] for candidate in srcset.split(", ")]


class ImageTestCase(WagtailPageTestCase):
    """Images written to a temporary media root; no cached renditions between tests."""

    @classmethod
    def setUpClass(cls):
        media_root = cls.enterClassContext(tempfile.TemporaryDirectory())
        cls.enterClassContext(override_settings(MEDIA_ROOT=media_root))
        super().setUpClass()

    def setUp(self):
        caches["renditions"].clear()

    def get_html(self, url: str) -> Elements:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return Elements(response.content.decode())

    def assert_social_image(self, html: Elements, image: Image, origin: str):
        url = html.meta("og:image")
        self.assertIs(url.startswith(f"{origin}/media/images/"), True, url)
        self.assertEqual(html.meta("twitter:image"), url)
        self.assertEqual(html.meta("twitter:card"), "summary_large_image")
        self.assertEqual(html.meta("og:image:width"), "1200")
        self.assertEqual(html.meta("og:image:height"), "630")
        self.assertEqual(html.meta("og:image:alt"), image.default_alt_text)
        rendition = Rendition.objects.get(image=image, filter_spec="fill-1200x630")
        self.assertIs(url.endswith(rendition.url), True)
        with rendition.file.open() as file, PILImage.open(file) as picture:
            self.assertEqual(picture.size, (1200, 630))


class HeroImageTests(ImageTestCase):
    """A post's hero image on its page, on its cards and in its social tags."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.hero = make_image(description="A heatmap of attention weights")
        cls.post = make_post(
            cls.blog, title="FlashAttention", tags=["Systems"], hero_image=cls.hero
        )

    def test_post_shows_its_hero_as_an_eager_responsive_picture(self):
        html = self.get_html(self.post.url)
        (picture,) = html.all("picture", **{"class": "hero"})
        (img,) = html.media_images()
        self.assertEqual(img["loading"], "eager")
        self.assertEqual(img["fetchpriority"], "high")
        self.assertEqual(img["alt"], "A heatmap of attention weights")
        self.assertEqual((img["width"], img["height"]), ("1200", "750"))
        self.assertEqual(srcset_widths(img["srcset"]), ["400w", "800w", "1200w"])
        self.assertIn("38rem", img["sizes"])
        (source,) = html.all("source", type="image/webp")
        self.assertEqual(srcset_widths(source["srcset"]), ["400w", "800w", "1200w"])
        self.assertIs(".webp" in source["srcset"], True)

    def test_post_social_tags_name_an_absolute_1200x630_rendition(self):
        html = self.get_html(self.post.url)
        self.assert_social_image(html, self.hero, "http://testserver")

    def test_cards_on_the_index_and_tag_page_show_a_lazy_decorative_picture(self):
        for url in ("/writing/", "/writing/tags/systems/"):
            with self.subTest(url=url):
                html = self.get_html(url)
                (img,) = html.media_images()
                self.assertEqual(img["loading"], "lazy")
                self.assertEqual(img["alt"], "")
                self.assertEqual(
                    len(html.all("picture", **{"class": "post-card-image"})), 1
                )

    def test_an_image_narrower_than_the_renditions_lists_each_width_once(self):
        post = make_post(self.blog, hero_image=make_image(size=(500, 300)))
        html = self.get_html(post.url)
        (img,) = html.media_images()
        self.assertEqual(srcset_widths(img["srcset"]), ["400w", "500w"])
        self.assertEqual((img["width"], img["height"]), ("500", "300"))

    def test_a_hero_whose_file_is_gone_still_renders_the_post(self):
        image = make_image(title="Lost")
        post = make_post(self.blog, hero_image=image)
        image.file.storage.delete(image.file.name)
        html = self.get_html(post.url)
        self.assertIsNone(html.meta("og:image"))

    def test_index_queries_do_not_grow_with_the_number_of_pictured_posts(self):
        def count() -> int:
            self.client.get("/writing/")  # first view makes the renditions
            caches["renditions"].clear()
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get("/writing/").status_code, 200)
            return len(queries)

        few = count()
        for _ in range(3):
            make_post(self.blog, tags=["Systems"], hero_image=make_image())
        self.assertEqual(count(), few)


class PreviewModeTests(ImageTestCase):
    """Each preview mode of a post with a hero image renders it, draft or live."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.hero = make_image(title="Roofline plot")
        cls.post = make_post(cls.blog, title="Roofline", hero_image=cls.hero)
        cls.editor = cls.create_superuser("editor")

    def preview(self, mode: str) -> Elements:
        """Preview the post through the admin's own preview view, as an editor does."""
        self.client.force_login(self.editor)
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.post.pk]))
        form = querydict_from_html(edit.content.decode(), form_id="page-edit-form")
        self.assertEqual(form["hero_image"], str(self.hero.pk))
        # The StreamField's inputs are drawn by JavaScript: not in the page's HTML.
        body = nested_form_data({"body": streamfield([("markdown", "Text.")])})
        data = {**form.dict(), **body}
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.post.pk])
        posted = self.client.post(f"{url}?mode={mode}", data)
        self.assertJSONEqual(posted.content, {"is_valid": True, "is_available": True})
        response = self.client.get(url, {"mode": mode})
        self.assertEqual(response.status_code, 200)
        return Elements(response.content.decode())

    def test_full_page_preview_shows_the_hero(self):
        html = self.preview("")
        self.assertEqual(len(html.all("picture", **{"class": "hero"})), 1)
        self.assertEqual(html.meta("og:image:width"), "1200")

    def test_listing_card_preview_shows_the_card_picture(self):
        html = self.preview("card")
        cards = html.all("picture", **{"class": "post-card-image"})
        self.assertEqual(len(cards), 1)

    def test_social_card_preview_shows_the_og_image(self):
        html = self.preview("social")
        (card,) = html.all("img", **{"class": "social-card-image"})
        og_image = html.meta("og:image")
        self.assertIs(og_image.endswith(card["src"]), True)
        self.assertEqual((card["width"], card["height"]), ("1200", "630"))
        self.assertEqual(card["alt"], "Roofline plot")

    def test_every_mode_renders_a_draft_that_has_a_hero(self):
        draft = make_post(self.blog, live=False, hero_image=make_image())
        for mode, _label in draft.preview_modes:
            with self.subTest(mode=mode):
                response = draft.make_preview_request(preview_mode=mode)
                self.assertEqual(response.status_code, 200)
                self.assertIn(b"/media/images/", response.content)


class DefaultSocialImageTests(ImageTestCase):
    """The site-wide social image stands in for pages without one of their own."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.plain = make_post(cls.blog, title="No picture", tags=["Systems"])
        cls.default = make_image(title="Scholia")
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.default_social_image = cls.default
        settings.save()

    def test_every_public_page_shares_the_default_image(self):
        urls = ("/", "/writing/", self.plain.url, "/writing/tags/systems/", "/search/")
        for url in urls:
            with self.subTest(url=url):
                self.assert_social_image(
                    self.get_html(url), self.default, "http://testserver"
                )

    def test_the_not_found_page_shares_the_default_image(self):
        response = self.client.get("/no-such-page/")
        self.assertEqual(response.status_code, 404)
        self.assertIs(
            Elements(response.content.decode()).meta("og:image") is not None, True
        )

    def test_pages_without_any_image_have_no_image_tags(self):
        SiteSettings.objects.update(default_social_image=None)
        html = self.get_html(self.plain.url)
        self.assertIsNone(html.meta("og:image"))
        self.assertIsNone(html.meta("twitter:image"))
        self.assertEqual(html.meta("twitter:card"), "summary")

    def test_a_hero_image_wins_over_the_default(self):
        hero = make_image(title="Own picture")
        post = make_post(self.blog, hero_image=hero)
        self.assert_social_image(self.get_html(post.url), hero, "http://testserver")

    def test_social_card_preview_falls_back_to_the_default(self):
        response = self.plain.make_preview_request(preview_mode="social")
        html = Elements(response.content.decode())
        (card,) = html.all("img", **{"class": "social-card-image"})
        self.assertEqual(card["alt"], "Scholia")


class FigureBlockTests(ImageTestCase):
    """A figure in a post body: a responsive picture with its alt text and caption."""

    @classmethod
    def setUpTestData(cls):
        cls.blog = make_blog_index()
        cls.image = make_image(title="Speedup chart")
        figure = {
            "image": cls.image.pk,
            "alt_text": "Bar chart: 3x faster at 8k tokens",
            "caption": "Figure 2 of the paper.",
        }
        cls.post = make_post(cls.blog, body=[{"type": "figure", "value": figure}])

    def test_figure_renders_a_lazy_picture_with_alt_and_caption(self):
        response = self.client.get(self.post.url)
        html = Elements(response.content.decode())
        (img,) = html.media_images()
        self.assertEqual(img["alt"], "Bar chart: 3x faster at 8k tokens")
        self.assertEqual(img["loading"], "lazy")
        self.assertEqual(srcset_widths(img["srcset"]), ["400w", "800w", "1200w"])
        content = response.content.decode()
        figure = content[content.index('<figure class="figure">') :]
        figure = figure[: figure.index("</figure>")]
        self.assertIn("<picture>", figure)
        self.assertIn("<figcaption>Figure 2 of the paper.</figcaption>", figure)

    def test_figure_without_alt_text_is_invalid(self):
        block = FigureBlock()
        value = block.to_python({"image": self.image.pk, "alt_text": "", "caption": ""})
        with self.assertRaises(ValidationError):
            block.clean(value)

    def test_figure_whose_image_was_deleted_renders_its_caption_only(self):
        post = PaperPostPage.objects.get(pk=self.post.pk)
        Image.objects.filter(pk=self.image.pk).delete()
        response = self.client.get(post.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<figcaption>Figure 2 of the paper.</figcaption>")
