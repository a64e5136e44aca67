"""Which live pages reference an object, answered from Wagtail's ReferenceIndex."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex


def pages_referencing(obj):
    """Live, public pages whose content links ``obj``, in tree order (one query)."""
    referencing_ids = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(type(obj)),
        to_object_id=str(obj.pk),
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list(Cast("object_id", BigIntegerField()), flat=True)
    return Page.objects.live().public().filter(pk__in=referencing_ids).order_by("path")
