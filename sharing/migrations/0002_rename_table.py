"""Give the moved table its own app's name, and its content type its new app."""

from django.db import migrations


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    if not ContentType.objects.filter(app_label="sharing", model="draftsharelink"):
        ContentType.objects.filter(app_label="home", model="draftsharelink").update(
            app_label="sharing"
        )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    if not ContentType.objects.filter(app_label="home", model="draftsharelink"):
        ContentType.objects.filter(app_label="sharing", model="draftsharelink").update(
            app_label="home"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("sharing", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="draftsharelink", table=None),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
