"""Site search: posts, topics, terms, episodes and authors, ranked together.

Each kind is searched through Wagtail's search backend with its relevance score
(PostgreSQL: full-text search with the stemming ``SEARCH_CONFIG``; SQLite: FTS5,
whole words only), capped at ``MAX_PER_KIND`` results, so a search costs the
same number of queries however many posts there are. Hits are merged by score;
excerpts with the matched words marked are built only for the page shown.
"""

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.search.backends import get_search_backend

from authors.models import Author
from blog.authorship import AuthorIndexPage
from blog.models import PaperPostPage
from home.rendering.excerpts import plain_text
from home.rendering.text import stream_texts
from reviews.models import (
    Episode,
    EpisodeIndexPage,
    GlossaryPage,
    GlossaryTerm,
    TopicReviewPage,
)

MAX_PER_KIND = 50
EXCERPT_LENGTH = 240
# Crude English suffixes: enough to mark "cache" for a search for "caching",
# which PostgreSQL's stemmer matched; the marks only guide the reader's eye.
_SUFFIXES = ("ing", "ies", "es", "ed", "s", "e")


@dataclass
class SearchHit:
    """One result: what it is, where it is, and the text the excerpt comes from."""

    kind: str
    title: str
    url: str
    score: float
    date: datetime.date | None = None
    text: Callable[[], str] = field(default=lambda: "", repr=False)
    excerpt: SafeString = field(default_factory=lambda: mark_safe(""))


def query_words(query: str) -> list[str]:
    return [word for word in re.findall(r"\w+", query.lower()) if word]


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def match_pattern(words: Iterable[str]) -> re.Pattern | None:
    """Words starting with any query word's stem, case-insensitively."""
    stems = sorted({_stem(word) for word in words}, key=len, reverse=True)
    if not stems:
        return None
    alternatives = "|".join(re.escape(stem) for stem in stems)
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def highlighted_excerpt(
    text: str, pattern: re.Pattern | None, length: int = EXCERPT_LENGTH
) -> SafeString:
    """A window of ``text`` around its first match; matches wrapped in <mark>.

    Every piece of text is escaped before it is wrapped, so the result is safe
    to show whatever the content holds.
    """
    text = " ".join(text.split())
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + 1)
    window = text[start:end]
    pieces, last = [], 0
    for found in pattern.finditer(window) if pattern else ():
        pieces.append(escape(window[last : found.start()]))
        pieces.append(f"<mark>{escape(found.group())}</mark>")
        last = found.end()
    pieces.append(escape(window[last:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308


def stream_plain_text(stream_value) -> str:
    """The words of every text block of a StreamField (markdown or rich text)."""
    return " ".join(
        plain_text(block.text)
        if block.text_format == "markdown"
        else strip_tags(block.text)
        for block in stream_texts(stream_value)
    )


def _scored(queryset, query: str, autocomplete: bool) -> list:
    backend = get_search_backend()
    method = backend.autocomplete if autocomplete else backend.search
    results = method(query, queryset).annotate_score("search_score")
    return list(results[:MAX_PER_KIND])


def _score(obj) -> float:
    return float(getattr(obj, "search_score", 0) or 0)


def find_hits(query: str, *, autocomplete: bool = False) -> list[SearchHit]:
    """Every kind's matches for ``query``, best first (a constant number of queries)."""
    glossary = GlossaryPage.objects.live().first()
    episode_index = EpisodeIndexPage.objects.live().first()
    author_index = AuthorIndexPage.objects.live().first()
    hits = [
        SearchHit(
            "Post",
            post.title,
            post.url,
            _score(post),
            post.date,
            lambda post=post: f"{post.dek} {stream_plain_text(post.body)}",
        )
        for post in _scored(PaperPostPage.objects.live().public(), query, autocomplete)
    ]
    hits += [
        SearchHit(
            "Topic",
            topic.title,
            topic.url,
            _score(topic),
            topic.last_published_at.date() if topic.last_published_at else None,
            lambda topic=topic: f"{topic.intro} {stream_plain_text(topic.body)}",
        )
        for topic in _scored(
            TopicReviewPage.objects.live().public(), query, autocomplete
        )
    ]
    if glossary:
        hits += [
            SearchHit(
                "Term",
                term.term,
                glossary.term_url(term),
                _score(term),
                text=lambda term=term: (
                    f"{term.definition} {plain_text(term.explanation)}"
                ),
            )
            for term in _scored(
                GlossaryTerm.objects.filter(live=True), query, autocomplete
            )
        ]
    if episode_index:
        hits += [
            SearchHit(
                "Episode",
                str(episode),
                episode_index.episode_url(episode),
                _score(episode),
                episode.date,
                lambda episode=episode: plain_text(episode.summary),
            )
            for episode in _scored(
                Episode.objects.filter(live=True), query, autocomplete
            )
        ]
    if author_index:
        hits += [
            SearchHit(
                "Author",
                author.name,
                author_index.author_url(author),
                _score(author),
                text=lambda author=author: author.bio,
            )
            for author in _scored(Author.objects.filter(live=True), query, autocomplete)
        ]
    # Stable: equal scores keep the kinds' order (posts, topics, terms, ...).
    return sorted(hits, key=lambda hit: hit.score, reverse=True)


def add_excerpts(hits: Iterable[SearchHit], query: str) -> None:
    """Fill in the excerpts of the hits about to be shown (and only those)."""
    pattern = match_pattern(query_words(query))
    for hit in hits:
        hit.excerpt = highlighted_excerpt(hit.text(), pattern)
