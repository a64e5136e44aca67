"""Demo writing: the 'Writing' index, its tag index and the seed posts."""

from pathlib import Path

from wagtail.models import Site

from authors.models import Author, AuthorSettings
from blog.authorship import AuthorIndexPage, PaperPostAuthor
from blog.markdown import PAPER_KEYS
from blog.models import BlogIndexPage, PaperPostPage, PaperPostPaper, TagIndexPage
from home.demo import (
    Synced,
    changed_fields,
    edit_note,
    load_data,
    sync_page,
    sync_snippet,
)
from papers.identifiers import arxiv_base_id, citation_key_base
from papers.models import Paper, PaperAuthor

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
        key = paper_record_fields(paper)["citation_key"]
        lines += ["", f"The paper: *{title}* ({year}) [@{key}]."]
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
        value = paper.get(key, default)
        fields[field_name] = ", ".join(value) if isinstance(value, list) else value
    return fields


def paper_record_fields(paper: dict) -> dict:
    """Paper field values for the paper an entry of the data file discusses."""
    authors = paper.get("authors") or []
    key = paper.get("key") or citation_key_base(
        authors[0] if authors else "", paper.get("year"), paper["title"]
    )
    return {
        "title": paper["title"],
        "year": paper.get("year"),
        "venue": "" if paper.get("venue") == "arXiv" else paper.get("venue", ""),
        "venue_kind": paper.get("kind", "conference"),
        "arxiv_id": paper.get("arxiv_id", ""),
        "doi": paper.get("doi", ""),
        "citation_key": key,
    }


def find_paper(fields: dict) -> Paper | None:
    """The record for these fields: by key, else arXiv id, else title (so a
    record the data migration made from a post's own fields is reused)."""
    paper = Paper.objects.filter(citation_key=fields["citation_key"]).first()
    if paper is None and fields["arxiv_id"]:
        base = arxiv_base_id(fields["arxiv_id"])
        paper = next(
            (
                found
                for found in Paper.objects.filter(arxiv_id__startswith=base)
                if arxiv_base_id(found.arxiv_id) == base
            ),
            None,
        )
    if paper is None:
        paper = Paper.objects.filter(title__iexact=fields["title"]).first()
    return paper


def sync_paper(data: dict, *, force: bool = False) -> Synced:
    """Create, update, skip or leave alone the Paper record of a post."""
    fields, names = paper_record_fields(data), data.get("authors") or []
    paper = find_paper(fields)
    if paper is None:
        paper = Paper(**fields)
    else:
        current = [author.name for author in paper.authors.all()]
        if not changed_fields(paper, fields) and current == names:
            return Synced(paper, "unchanged")
        note = None if force else edit_note(paper)
        if note is not None:
            return Synced(paper, "skipped", note)
    status = "created" if paper.pk is None else "updated"
    for name, value in fields.items():
        setattr(paper, name, value)
    paper.authors = [
        PaperAuthor(name=name, sort_order=order) for order, name in enumerate(names)
    ]
    paper.full_clean()
    paper.save()
    paper.save_revision().publish()
    return Synced(paper, status)


def relations_setter(
    tag_names: list[str], papers: list[Paper], authors: list[Author] = ()
):
    """A ``relations`` callback for sync_page: exactly these tags, authors and
    papers."""
    set_tags = tag_setter(tag_names, authors)

    def set_relations(page: PaperPostPage) -> bool:
        changed = set_tags(page)
        current = [
            link.paper_id
            for link in sorted(
                page.discussed_papers.all(), key=lambda li: li.sort_order
            )
        ]
        if current != [paper.pk for paper in papers]:
            page.discussed_papers = [
                PaperPostPaper(paper=paper, sort_order=order)
                for order, paper in enumerate(papers)
            ]
            changed = True
        return changed

    return set_relations


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
        papers = []
        if post.get("paper"):
            paper = sync_paper(post["paper"], force=force)
            lines += paper.report("paper", paper.obj.citation_key)
            papers.append(paper.obj)
        synced = sync_page(
            blog.obj,
            PaperPostPage,
            post["slug"],
            post_fields(post),
            relations=relations_setter(post.get("tags") or [], papers, [author.obj]),
            force=force,
        )
        lines += synced.report("post", repr(post["title"]))
    return lines
