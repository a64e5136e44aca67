"""Editors get "delete" on glossary terms and episodes.

site_project/permissions.py narrows it to their own never-published drafts
(Moderators, who can publish, delete any), the same rule as for pages.
Idempotent; reversing removes only this grant.
"""

from django.db import migrations

SNIPPETS = [("glossaryterm", "glossary term"), ("episode", "episode")]


def _delete_permissions(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    found = []
    for model, verbose in SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="reviews", model=model
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"delete_{model}",
            defaults={"name": f"Can delete {verbose}"},
        )
        found.append(permission)
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*_delete_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(*_delete_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0004_editorial_snippet_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
