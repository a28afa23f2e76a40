"""Admin forms: uploads checked by content, required descriptions for images."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import validate_document, validate_image

from .models import Item, ItemAttachment, ItemImage


def _clean_image(value):
    """A new upload becomes a re-encoded image (no EXIF) under a random name; stored files pass."""
    if value and hasattr(value, "content_type"):
        return validate_image(value).content
    return value


class ItemAdminForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = "__all__"  # noqa: DJ007 - the admin shows every field; ItemAdmin decides

    def clean_cover_image(self):
        return _clean_image(self.cleaned_data.get("cover_image"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cover_image") and not (cleaned.get("cover_alt") or "").strip():
            # WCAG 1.1.1: readers who cannot see the photo get its description.
            self.add_error("cover_alt", _("Describe the cover image for readers who cannot see it."))
        return cleaned


class ItemImageForm(forms.ModelForm):
    class Meta:
        model = ItemImage
        fields = ["image", "caption", "alt", "photographer", "photographer_user", "order"]

    def clean_image(self):
        return _clean_image(self.cleaned_data.get("image"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not (cleaned.get("alt") or cleaned.get("caption") or "").strip():
            self.add_error("alt", _("Give the photo a caption or a description."))
        return cleaned


class ItemAttachmentForm(forms.ModelForm):
    class Meta:
        model = ItemAttachment
        fields = ["file", "title", "order"]

    def clean_file(self):
        value = self.cleaned_data.get("file")
        if value and hasattr(value, "content_type"):
            clean = validate_document(value)
            self.instance.original_name = clean.original_name
            self.instance.size = clean.size
            return clean.content
        return value
