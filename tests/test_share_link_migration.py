"""Share links made before the move to the `sharing` app keep working after it."""

import datetime

import pytest
from django.core import signing
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_blog_index, make_post

BEFORE = [("home", "0004_draft_share_link"), ("sharing", None)]
SALT = "home.sharing.draft-share-link"


def migrate_back_before_the_move():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(BEFORE)
    return executor.loader.project_state([BEFORE[0]]).apps


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrated_site")
class ShareLinkSurvivesTheMoveTests(TransactionTestCase):
    """A link created under home's model opens the draft once sharing/ owns it."""

    def test_link_created_before_the_move_shows_the_draft_after_it(self):
        post = make_post(make_blog_index(), title="Reviewed draft", live=False)
        old_apps = migrate_back_before_the_move()
        OldLink = old_apps.get_model("home", "DraftShareLink")
        old_link = OldLink.objects.create(
            page_id=post.pk,
            nonce="made-before-the-move",
            expires_at=timezone.now() + datetime.timedelta(days=7),
        )
        token = signing.dumps({"p": post.pk, "n": old_link.nonce}, salt=SALT)

        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

        response = self.client.get(reverse("draft_share", args=[token]))
        self.assertContains(response, "Reviewed draft")
        self.assertContains(response, "Draft preview — not published")
        self.assertIn("sharing_draftsharelink", connection.introspection.table_names())
