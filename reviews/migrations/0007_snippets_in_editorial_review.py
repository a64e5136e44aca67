"""Glossary terms and episodes go through the "Editorial review" workflow.

The workflow and the groups come from home/0003. Editors submit a term or an
episode for review; Moderators approve (which publishes it), and may lock and
unlock them. Idempotent and reversible; the workflow is found by name.
"""

from django.db import migrations

WORKFLOW = "Editorial review"
MODERATORS = "Moderators"
SNIPPETS = [("glossaryterm", "glossary term"), ("episode", "episode")]


def _content_type(apps, model):
    ContentType = apps.get_model("contenttypes.ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="reviews", model=model
    )
    return content_type


def assign(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    moderators = Group.objects.filter(name=MODERATORS).first()
    for model, verbose in SNIPPETS:
        content_type = _content_type(apps, model)
        if workflow is not None:
            WorkflowContentType.objects.get_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )
        if moderators is None:
            continue
        for action in ("lock", "unlock"):
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose}"},
            )
            moderators.permissions.add(permission)


def unassign(apps, schema_editor):
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    Group = apps.get_model("auth.Group")
    models = [model for model, _ in SNIPPETS]
    WorkflowContentType.objects.filter(
        workflow__name=WORKFLOW,
        content_type__app_label="reviews",
        content_type__model__in=models,
    ).delete()
    for group in Group.objects.filter(name=MODERATORS):
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="reviews",
                codename__regex=r"^(lock|unlock)_",
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0006_snippets_lockable"),
        ("home", "0003_editorial_groups_and_workflow"),
        ("wagtailcore", "0083_workflowcontenttype"),
    ]

    operations = [migrations.RunPython(assign, unassign)]
