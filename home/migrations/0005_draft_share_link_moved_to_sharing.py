"""DraftShareLink now belongs to the `sharing` app (its 0001): drop it from home's state.

State only: the table is kept, and renamed by sharing/0002.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("home", "0004_draft_share_link")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DraftShareLink")],
            database_operations=[],
        )
    ]
