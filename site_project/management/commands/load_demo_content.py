"""Build the demo site: the home page, the writing, the reviews and the glossary."""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from blog.demo import load_blog
from home.demo import sync_home_page
from reviews.demo import load_reviews
from reviews.models import Episode, GlossaryTerm


def site_contents() -> dict[str, int]:
    """What the site holds besides its home page: pages, terms and episodes."""
    home_id = Site.objects.get(is_default_site=True).root_page_id
    return {
        "page(s) besides the home page": Page.objects.filter(depth__gte=2)
        .exclude(pk=home_id)
        .count(),
        "glossary term(s)": GlossaryTerm.objects.count(),
        "episode(s)": Episode.objects.count(),
    }


class Command(BaseCommand):
    """`manage.py load_demo_content`: seeds the demo; never overwrites others' edits."""

    help = (
        "Create the demo site from the data files in blog/ and reviews/. Demo "
        "pages, terms and episodes changed since they were seeded (in the admin, "
        "by an import, in the shell) are skipped and listed, never overwritten; "
        "a second run changes nothing."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--if-empty",
            action="store_true",
            help=(
                "Only seed a site that has nothing but its home page (no other "
                "page, term or episode); otherwise change nothing."
            ),
        )
        mode.add_argument(
            "--reset",
            action="store_true",
            help=(
                "Put the demo version back on every demo page, term and episode, "
                "edited or not (a new published revision; others are left alone)."
            ),
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if options["if_empty"]:
            found = {name: n for name, n in site_contents().items() if n}
            if found:
                held = ", ".join(f"{n} {name}" for name, n in found.items())
                self.stdout.write(
                    f"The site already has content ({held}): --if-empty leaves "
                    "it as it is."
                )
                return
            self.stdout.write("The site is empty: loading the demo content.")
        force = options["reset"]
        home = sync_home_page(force=force)
        # Writing first: the header lists the sections in tree order.
        lines = [
            *home.report("page", "home"),
            *load_blog(home.obj, force=force),
            *load_reviews(home.obj, force=force),
        ]
        for line in lines:
            self.stdout.write(line)
        changes = [line for line in lines if not line.startswith("skipped ")]
        skipped = len(lines) - len(changes)
        if not lines:
            self.stdout.write("Demo content already up to date; nothing to do.")
        else:
            changed = len(changes)
            summary = f"{changed} change(s), {skipped} skipped."
            self.stdout.write(self.style.SUCCESS(summary))
