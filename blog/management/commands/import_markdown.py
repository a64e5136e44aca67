"""`manage.py import_markdown PATH...`: markdown files with front matter as posts."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.markdown import MAX_FILE_MB, default_parent, import_file, markdown_files

STATUSES = ["created", "updated", "skipped", "failed"]


class Command(BaseCommand):
    """Import each file in its own transaction and report every failure."""

    help = (
        "Import markdown files (or every .md/.markdown file in the folders given) "
        "as posts. A post with the same slug under the blog index is updated as a "
        "new revision; an unchanged one is skipped. Front matter as Jekyll, "
        "al-folio, distill, Hugo (YAML or TOML) and Obsidian write it is read; "
        "Liquid and Hugo shortcodes are converted or dropped, each noted. Images "
        "must be inside the folder given (site-root paths like /assets/x.png are "
        "looked up there) and pass the admin upload checks. Files over "
        f"{MAX_FILE_MB} MB are refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--parent",
            help="Blog index page (id or slug). Default: the first blog index.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check and report every file; write nothing.",
        )

    def handle(self, *args, paths, parent, dry_run, **options):
        try:
            blog = default_parent(parent)
        except LookupError as error:
            raise CommandError(str(error)) from error
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            names = ", ".join(missing)
            raise CommandError(f"no such file or folder: {names}")
        files = [
            (path, folder) for folder in paths for path in markdown_files([folder])
        ]
        counts = dict.fromkeys(STATUSES, 0)
        failures = []
        prefix = "[dry run] " if dry_run else ""
        total = len(files)
        for number, (path, folder) in enumerate(files, start=1):
            root = folder if folder.is_dir() else folder.parent
            outcome = import_file(path, blog, dry_run=dry_run, root=root)
            counts[outcome.status] += 1
            line = outcome.describe()
            self.stdout.write(f"{prefix}[{number}/{total}] {line}")
            for note in outcome.notes:
                self.stdout.write(self.style.WARNING(f"    {path}: {note}"))
            if outcome.status == "failed":
                failures.append(outcome)
        summary = ", ".join(str(counts[status]) + " " + status for status in STATUSES)
        self.stdout.write(f"{prefix}{summary}")
        for outcome in failures:
            line = outcome.describe()
            self.stderr.write(self.style.ERROR(f"FAILED {line}"))
