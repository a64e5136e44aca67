"""Demo writing: the 'Writing' index, its tag index and the seed posts."""

from pathlib import Path

from blog.markdown_io import PAPER_KEYS
from blog.models import BlogIndexPage, PaperPostPage, TagIndexPage
from home.demo import load_data, sync_page

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


def tag_setter(names: list[str]):
    """A ``relations`` callback for sync_page that sets exactly these tags."""

    def set_tags(page: PaperPostPage) -> bool:
        current = sorted(tag.name for tag in page.tags.all())
        if current == sorted(names):
            return False
        page.tags.clear()
        page.tags.add(*names)
        return True

    return set_tags


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
    for post in data["posts"]:
        synced = sync_page(
            blog.obj,
            PaperPostPage,
            post["slug"],
            post_fields(post),
            relations=tag_setter(post.get("tags") or []),
            force=force,
        )
        lines += synced.report("post", repr(post["title"]))
    return lines
