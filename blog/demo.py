"""Demo writing: the 'Writing' index, its tag index and the seed posts."""

from pathlib import Path

from wagtail.models import Site

from authors.models import Author, AuthorSettings
from blog.authorship import AuthorIndexPage, PaperPostAuthor
from blog.markdown_io import PAPER_KEYS
from blog.models import BlogIndexPage, PaperPostPage, TagIndexPage
from home.demo import Synced, load_data, sync_page, sync_snippet

DATA_FILE = Path(__file__).resolve().parent / "demo_posts.yaml"
DEMO_NOTE = "*Demo text: the full post is not part of the demo site.*"


def demo_data() -> dict:
    return load_data(DATA_FILE)


def demo_body(post: dict) -> list[dict]:
    """A short body made only of the post's summary and the paper it discusses."""
    paper = post.get("paper") or {}
    lines = [DEMO_NOTE, "", post["dek"]]
    if paper.get("title"):
        title, year = paper["title"], paper.get("year", "n.d.")
        lines += ["", f"The paper: *{title}* ({year})."]
    return [{"type": "markdown", "value": "\n".join(lines)}]


def post_fields(post: dict) -> dict:
    """PaperPostPage field values for one entry of the data file."""
    paper = post.get("paper") or {}
    fields = {
        "title": post["title"],
        "dek": post["dek"],
        "date": post["date"],
        "body": demo_body(post),
    }
    for key, field_name in PAPER_KEYS.items():
        default = None if key == "year" else ""
        fields[field_name] = paper.get(key, default)
    return fields


def tag_setter(names: list[str], authors: list[Author] = ()):
    """A ``relations`` callback for sync_page: exactly these tags and authors."""

    def set_tags(page: PaperPostPage) -> bool:
        changed = False
        current = sorted(tag.name for tag in page.tags.all())
        if current != sorted(names):
            page.tags.clear()
            page.tags.add(*names)
            changed = True
        current_authors = [link.author_id for link in page.post_authors.all()]
        if current_authors != [author.pk for author in authors]:
            page.post_authors = [
                PaperPostAuthor(author=author, sort_order=order)
                for order, author in enumerate(authors)
            ]
            changed = True
        return changed

    return set_tags


def load_author(home, data: dict, *, force: bool = False) -> tuple[Synced, list]:
    """The seed's author, the site's default author, and the authors page."""
    fields = {"name": data["name"], "slug": data["slug"], "bio": data["bio"]}
    author = sync_snippet(Author, "slug", fields, force=force)
    lines = author.report("author", repr(data["name"]))
    site = Site.objects.get(is_default_site=True)
    settings = AuthorSettings.for_site(site)
    if settings.default_author_id is None:
        settings.default_author = author.obj
        settings.save()
        lines.append(f"set default author {data['name']!r}")
    page = sync_page(
        home, AuthorIndexPage, "authors", {"title": "Authors"}, force=force
    )
    lines += page.report("page", page.obj.url_path)
    return author, lines


def load_blog(home, *, force: bool = False) -> list[str]:
    """Create the writing section; one line per change or skipped object.

    ``force`` writes the demo version over objects changed since they were seeded.
    """
    data = demo_data()
    index = data["index"]
    index_fields = {
        "title": index["title"],
        "intro": index["intro"],
        "show_in_menus": True,
    }
    blog = sync_page(home, BlogIndexPage, index["slug"], index_fields, force=force)
    lines = blog.report("page", blog.obj.url_path)
    tags = sync_page(blog.obj, TagIndexPage, "tags", {"title": "Tags"}, force=force)
    lines += tags.report("page", tags.obj.url_path)
    author, author_lines = load_author(home, data["author"], force=force)
    lines += author_lines
    for post in data["posts"]:
        synced = sync_page(
            blog.obj,
            PaperPostPage,
            post["slug"],
            post_fields(post),
            relations=tag_setter(post.get("tags") or [], [author.obj]),
            force=force,
        )
        lines += synced.report("post", repr(post["title"]))
    return lines
