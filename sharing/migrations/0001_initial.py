"""DraftShareLink moves here from `home`: state only, the table stays as it is."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import sharing.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("home", "0004_draft_share_link"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DraftShareLink",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("nonce", models.CharField(default=sharing.models._new_nonce, max_length=64, unique=True)),
                        ("expires_at", models.DateTimeField(help_text="After this the link shows 'expired'.")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("revoked_at", models.DateTimeField(blank=True, null=True)),
                        ("created_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("page", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="share_links", to=settings.WAGTAIL_PAGE_MODEL)),
                    ],
                    options={
                        "verbose_name": "draft share link",
                        "ordering": ["-created_at"],
                        "db_table": "home_draftsharelink",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
