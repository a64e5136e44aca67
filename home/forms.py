"""Admin page form that refuses to publish text with unknown references."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError
from wagtail.fields import StreamField

from home.rendering.references import reference_syntax
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
    pending = reference_syntax().awaiting_review(references)
    unknown = [name for name in references if name not in pending]
    messages = [
        f"{name} is awaiting review; it will link once a Moderator publishes it."
        for name in pending
    ]
    if unknown:
        messages.append(
            f"Unknown reference{'s' if len(unknown) > 1 else ''}: "
            f"{', '.join(unknown)}. Create the glossary term, episode or paper, "
            "or correct the spelling."
        )
    return " ".join(messages)


class ReferenceCheckingPageForm(WagtailAdminPageForm):
    """Publishing or submitting for review is refused while a reference is unknown.

    A reference to a term or episode awaiting review stops publishing only.

    Saving a draft defers validation (Wagtail's ``defer_required_fields``), so
    the draft is kept and the editor is warned instead (see wagtail_hooks).
    """

    def blocking(self, references: list[str]) -> list[str]:
        """The references that stop this action.

        A term or episode still in review does not stop a submission: the page
        and the reference are reviewed together, and the page links it once it
        is published. Publishing now is refused until then.
        """
        if "action-publish" in self.data:
            return references
        pending = reference_syntax().awaiting_review(references)
        return [name for name in references if name not in pending]

    def clean(self):
        cleaned_data = super().clean()
        if getattr(self, "is_deferred_validation", False):
            return cleaned_data
        for field in self._meta.model._meta.get_fields():
            if not isinstance(field, StreamField) or field.name not in cleaned_data:
                continue
            found = unknown_references_by_block(cleaned_data[field.name])
            block_errors = {
                index: ValidationError(describe_unknown(refs))
                for index, refs in found.items()
                if self.blocking(refs)
            }
            if block_errors:
                self.add_error(
                    field.name, StreamBlockValidationError(block_errors=block_errors)
                )
        return cleaned_data
