"""Who may delete what: the roles' rule on top of Wagtail's permissions.

Wagtail lets anyone with "change" delete any page that is not live, and anyone
with a snippet's "delete" permission delete any instance. Scholia's roles are
narrower for Editors (no publish permission): they delete only their own drafts
that were never published. Moderators (publish permission) and superusers keep
Wagtail's rules, which include deleting live pages.
"""

from django.conf import settings
from django.db.models import Model
from wagtail.models import Page, Revision
from wagtail.permission_policies import ModelPermissionPolicy

REFUSAL = (
    "Only Moderators delete published items or other people's drafts; "
    "you can delete your own drafts that were never published."
)


def moderates_page(user, page: Page) -> bool:
    """Superusers and whoever may publish the page keep Wagtail's delete rules."""
    return user.is_superuser or page.permissions_for_user(user).can_publish()


def may_delete_page(user, page: Page) -> bool:
    """Editors delete a page only if it and every page below it are their own
    and were never published."""
    if moderates_page(user, page):
        return True
    others = page.get_descendants(inclusive=True).exclude(
        owner_id=user.pk, first_published_at__isnull=True
    )
    return not others.exists()


def created_by(user, instance: Model) -> bool:
    """The user wrote the instance's first revision (snippets have no owner)."""
    first = Revision.objects.for_instance(instance).order_by("created_at", "pk").first()
    return first is not None and first.user_id == user.pk


class DraftOwnerPermissionPolicy(ModelPermissionPolicy):
    """Model permissions where "delete" without "publish" covers only the user's
    own never-published drafts (glossary terms, episodes)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not super().user_has_permission_for_instance(user, action, instance):
            return False
        if action != "delete" or user.is_superuser:
            return True
        if self.user_has_permission(user, "publish"):
            return True
        return instance.first_published_at is None and created_by(user, instance)


def draft_owner_models() -> list[type[Model]]:
    """The snippet models under the rule, from SCHOLIA_DRAFT_OWNER_MODELS."""
    from django.apps import apps

    return [apps.get_model(label) for label in settings.SCHOLIA_DRAFT_OWNER_MODELS]
