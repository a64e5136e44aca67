"""Which fields of a stored object differ from wanted values (StreamFields by content).

Shared by the markdown importer and the demo loader, which both write an object
only when something changed, so a second run adds no revision.
"""

from typing import Any

from django.db import models
from wagtail.fields import StreamField


def _stream_data(field: StreamField, value) -> list[dict]:
    """A StreamField value as plain type/value pairs, without block ids."""
    block = field.stream_block
    raw = value.raw_data if hasattr(value, "raw_data") else value
    plain = [{"type": child["type"], "value": child["value"]} for child in raw]
    prepared = block.get_prep_value(block.to_python(plain))
    return [{"type": child["type"], "value": child["value"]} for child in prepared]


def changed_fields(instance: models.Model, fields: dict[str, Any]) -> list[str]:
    """The names in ``fields`` whose stored value differs from the wanted one."""
    changed = []
    for name, wanted in fields.items():
        field = instance._meta.get_field(name)
        current = getattr(instance, name)
        if isinstance(field, StreamField):
            differs = _stream_data(field, current) != _stream_data(field, wanted)
        else:
            differs = current != wanted
        if differs:
            changed.append(name)
    return changed
