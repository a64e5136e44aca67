"""Demo writing: the 'Writing' index, its tag index and the seed posts."""

from pathlib import Path

from blog.markdown_io import PAPER_KEYS
from blog.models import BlogIndexPage, PaperPostPage, TagIndexPage
from home.demo import delete_children, load_data, sync_page

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


def reset_blog(home) -> int:
    """Delete the demo 'Writing' section; load_blog then rebuilds it."""
    return delete_children(home, [demo_data()["index"]["slug"]])


def load_blog(home) -> list[str]:
    """Create or update the writing section; returns one line per change."""
    data = demo_data()
    index = data["index"]
    changes = []
    blog, status = sync_page(
        home,
        BlogIndexPage,
        index["slug"],
        {"title": index["title"], "intro": index["intro"]},
    )
    if status != "unchanged":
        changes.append(f"{status} page {blog.url_path}")
    tags, status = sync_page(blog, TagIndexPage, "tags", {"title": "Tags"})
    if status != "unchanged":
        changes.append(f"{status} page {tags.url_path}")
    for post in data["posts"]:
        page, status = sync_page(
            blog,
            PaperPostPage,
            post["slug"],
            post_fields(post),
            relations=tag_setter(post.get("tags") or []),
        )
        if status != "unchanged":
            changes.append(f"{status} post {page.title}")
    return changes
