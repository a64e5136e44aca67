"""Create a local superuser on first run and print its credentials."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

PASSWORD_FILE = settings.BASE_DIR / ".local-admin-password"


class Command(BaseCommand):
    """`manage.py ensure_local_admin`: for local use only (refused unless DEBUG)."""

    help = (
        "Create the local 'admin' superuser if no superuser exists; print credentials."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_local_admin is for local use: set DJANGO_DEBUG=1."
            )
        user_model = get_user_model()
        if not user_model.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser("admin", "admin@localhost", password)
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        if (
            PASSWORD_FILE.exists()
            and user_model.objects.filter(username="admin").exists()
        ):
            password = PASSWORD_FILE.read_text().strip()
            self.stdout.write(
                "Admin: http://127.0.0.1:8000/admin/  "
                f"user: admin  password: {password}"
            )
        else:
            self.stdout.write(
                "A superuser already exists; log in with its credentials."
            )
