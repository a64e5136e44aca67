"""Image uploads in the admin: every file Wagtail's checks cannot read is
refused with a message, not a 500 (WAGTAILIMAGES_IMAGE_FORM_BASE)."""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class SafeImageField(WagtailImageField):
    """Wagtail's image field, where a file whose header names an image format
    but whose body Pillow cannot decode (a GIF/JS polyglot, a truncated file)
    is an invalid image rather than an uncaught UnidentifiedImageError."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except (OSError, SyntaxError, ValueError) as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class ImageForm(BaseImageForm):
    """Wagtail's image form with the stricter file field."""

    file = SafeImageField(label="File")
