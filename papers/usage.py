"""What cites a paper, answered from Wagtail's ReferenceIndex: live content only."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex


def citing_objects(paper) -> dict[str, list]:
    """Live pages and live snippets whose content or relations name ``paper``.

    Pages (posts discussing or citing it, topics citing it) and snippets (the
    episodes digesting it) in a constant number of queries: the index rows,
    then one query per kind of object.
    """
    rows = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(type(paper)),
        to_object_id=str(paper.pk),
    ).values_list("base_content_type_id", "object_id")
    ids_by_type: dict[int, set[str]] = {}
    for content_type_id, object_id in rows:
        ids_by_type.setdefault(content_type_id, set()).add(object_id)
    found: dict[str, list] = {"pages": [], "snippets": []}
    page_type = ContentType.objects.get_for_model(Page)
    for content_type_id, object_ids in ids_by_type.items():
        if content_type_id == page_type.pk:
            found["pages"] = list(
                Page.objects.live()
                .public()
                .filter(pk__in=[int(pk) for pk in object_ids])
                .specific()
                .order_by("path")
            )
            continue
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        objects = model._default_manager.filter(pk__in=object_ids)
        if hasattr(model, "live"):
            objects = objects.filter(live=True)
        found["snippets"].extend(objects)
    return found
