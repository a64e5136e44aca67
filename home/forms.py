"""Admin page form that refuses to publish text with unknown references."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError
from wagtail.fields import StreamField

from home.rendering.text import unknown_references_by_path


def unknown_references_by_block(stream_value) -> dict[int, list[str]]:
    """Map each top-level block index to the unknown references inside it."""
    found: dict[int, list[str]] = {}
    for path, unknown in unknown_references_by_path(stream_value).items():
        bucket = found.setdefault(path[0], [])
        bucket.extend(ref for ref in unknown if ref not in bucket)
    return found


def unknown_references(instance) -> list[str]:
    """Every unknown reference in every StreamField of a page or snippet."""
    names: list[str] = []
    for field in instance._meta.get_fields():
        if isinstance(field, StreamField):
            for refs in unknown_references_by_block(
                getattr(instance, field.name)
            ).values():
                names.extend(ref for ref in refs if ref not in names)
    return names


def describe_unknown(references: list[str]) -> str:
    return (
        f"Unknown reference{'s' if len(references) > 1 else ''}: "
        f"{', '.join(references)}. Create the glossary term, episode or paper, "
        "or correct the spelling."
    )


class ReferenceCheckingPageForm(WagtailAdminPageForm):
    """Publishing or submitting for review is refused while a reference is unknown.

    Saving a draft defers validation (Wagtail's ``defer_required_fields``), so
    the draft is kept and the editor is warned instead (see wagtail_hooks).
    """

    def clean(self):
        cleaned_data = super().clean()
        if getattr(self, "is_deferred_validation", False):
            return cleaned_data
        for field in self._meta.model._meta.get_fields():
            if not isinstance(field, StreamField) or field.name not in cleaned_data:
                continue
            block_errors = {
                index: ValidationError(describe_unknown(refs))
                for index, refs in unknown_references_by_block(
                    cleaned_data[field.name]
                ).items()
            }
            if block_errors:
                self.add_error(
                    field.name, StreamBlockValidationError(block_errors=block_errors)
                )
        return cleaned_data
