"""Editors add and change glossary terms and episodes; Moderators also publish and delete.

The groups come from home/0003. Idempotent: on a database where an earlier
version of home/0003 already granted these, nothing changes.
"""

from django.db import migrations

EDITORS = "Editors"
MODERATORS = "Moderators"
ACTIONS = {
    EDITORS: ["add", "change"],
    MODERATORS: ["add", "change", "delete", "publish"],
}
SNIPPETS = [("glossaryterm", "glossary term"), ("episode", "episode")]


def _permissions(apps, actions):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    found = []
    for model, verbose in SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="reviews", model=model
        )
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose}"},
            )
            found.append(permission)
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for name, actions in ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, actions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=ACTIONS):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="reviews")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0003_snippet_help_text"),
        ("home", "0003_editorial_groups_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
