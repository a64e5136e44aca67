"""`manage.py import_bibtex FILE`: BibTeX entries become published Paper records."""

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from papers.identifiers import normalise_arxiv_id, normalise_doi
from papers.models import Paper, PaperAuthor, VenueKind

VENUE_FIELDS = (
    ("booktitle", VenueKind.CONFERENCE),
    ("journal", VenueKind.JOURNAL),
    ("institution", VenueKind.REPORT),
)


def author_name(name: str) -> str:
    """'Gu, Albert' → 'Albert Gu' (as the byline prints it)."""
    family, _, given = (part.strip() for part in name.partition(","))
    return f"{given} {family}".strip() if given else family


def entry_fields(entry) -> tuple[dict, list[str]]:
    fields = {name.lower(): field.value for name, field in entry.fields_dict.items()}
    venue, kind = "", VenueKind.PREPRINT
    for name, venue_kind in VENUE_FIELDS:
        if fields.get(name):
            venue, kind = fields[name], venue_kind
            break
    eprint = fields.get("eprint", "")
    arxiv = eprint if fields.get("archiveprefix", "").lower() == "arxiv" else ""
    year = str(fields.get("year", "")).strip()
    authors = fields.get("author", [])
    return {
        "title": " ".join(str(fields.get("title", "")).strip("{}").split()),
        "year": int(year) if year.isdigit() else None,
        "venue": venue,
        "venue_kind": kind,
        "doi": normalise_doi(fields.get("doi", "")),
        "arxiv_id": normalise_arxiv_id(arxiv),
        "url": fields.get("url", ""),
        "abstract": fields.get("abstract", ""),
    }, [author_name(name) for name in authors]


class Command(BaseCommand):
    """Import a .bib file: one Paper per entry, keyed by its citation key."""

    help = (
        "Create a published Paper for each BibTeX entry whose citation key is "
        "new; entries whose key exists are left alone (running it twice changes "
        "nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .bib file")

    def handle(self, *args, **options):
        try:
            with open(options["file"], encoding="utf-8") as handle:
                text = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        library = bibtexparser.parse_string(
            text,
            append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors()],
        )
        for block in library.failed_blocks:
            self.stderr.write(f"skipped a malformed entry at line {block.start_line}")
        created = 0
        for entry in library.entries:
            if Paper.objects.filter(citation_key=entry.key).exists():
                self.stdout.write(f"unchanged {entry.key}")
                continue
            fields, names = entry_fields(entry)
            paper = Paper(citation_key=entry.key, **fields)
            paper.authors = [
                PaperAuthor(name=name, sort_order=order)
                for order, name in enumerate(names)
            ]
            try:
                paper.full_clean()
            except ValidationError as error:
                self.stderr.write(f"skipped {entry.key}: {error}")
                continue
            with transaction.atomic():
                paper.save()
                paper.save_revision().publish()
            created += 1
            self.stdout.write(f"created {entry.key}")
        self.stdout.write(f"{created} paper(s) created.")
