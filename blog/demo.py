"""Demo writing: the 'Writing' index, its tag index, and the posts."""

import datetime

from blog.models import BlogIndexPage, PaperPostPage, TagIndexPage
from home.demo import ensure_page

WRITING_INTRO = (
    "Technical writing on distributed systems and AI engineering — production LLM "
    "infrastructure, agent observability, RAG, and system design from Ashwani Jha."
)

DEMO_POSTS = [
    {
        "slug": "titans",
        "title": "Titans: What the Test-Time Memorization Paper Actually Says",
        "dek": (
            "Attention is quadratic. SSMs compress everything into a fixed state. "
            "Titans takes a third path: a neural memory module whose weights are the "
            "memory, updated via gradient descent at inference time. Here's the "
            "mechanism, what the benchmark numbers actually say, and why you "
            "shouldn't deploy this without thinking carefully about inference cost."
        ),
        "date": datetime.date(2025, 11, 1),
        "tags": ["Systems", "AI"],
        "paper_title": "Titans: Learning to Memorize at Test Time",
        "paper_arxiv_id": "2501.00663",
    },
]


def demo_body(dek: str) -> list[dict]:
    return [
        {
            "type": "markdown",
            "value": f"*Demo text: the full post is not in the demo.*\n\n{dek}",
        }
    ]


def load_blog(home) -> list[str]:
    created = []
    blog, new = ensure_page(
        home, BlogIndexPage, "writing", title="Writing", intro=WRITING_INTRO
    )
    if new:
        created.append(f"page {blog.url_path}")
    tags, new = ensure_page(blog, TagIndexPage, "tags", title="Tags")
    if new:
        created.append(f"page {tags.url_path}")
    for post_data in DEMO_POSTS:
        fields = {
            key: value
            for key, value in post_data.items()
            if key not in {"slug", "tags"}
        }
        existing = (
            PaperPostPage.objects.child_of(blog).filter(slug=post_data["slug"]).exists()
        )
        if existing:
            continue
        post = PaperPostPage(
            slug=post_data["slug"], body=demo_body(post_data["dek"]), **fields
        )
        post.tags.add(*post_data["tags"])
        blog.add_child(instance=post)
        post.save_revision().publish()
        created.append(f"post {post.title}")
    return created
