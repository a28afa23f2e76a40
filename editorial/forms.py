"""Forms of the editorial workflow: they parse and validate; services decide and write."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.widgets import CKEditor5Widget

from articles.models import Category, Item, ItemKind, ItemStatus
from core.templatetags.vi_format import vi_person
from core.text import normalize_text
from core.uploads import validate_document, validate_image
from organisation.models import Unit

from . import permissions as perms
from .deadlines import DeadlineRule
from .models import PendingUpload, RejectionReason
from .word import word_to_html

ATTACHMENT_KINDS = ("pdf", "docx", "doc", "odt", "xlsx", "xls", "ods")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


def board_members():
    """People a secretary can assign an item to: active users allowed to edit (step 1)."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(
                groups__permissions__codename="edit_item",
                groups__permissions__content_type__app_label="editorial",
            )
            | Q(user_permissions__codename="edit_item", user_permissions__content_type__app_label="editorial")
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return vi_person(obj)


class PendingMixin:
    """A form whose validated file survives an error elsewhere: the view stores it and fills `pending`."""

    file_field = "file"
    pending_kind = ""

    def clean_pending(self):
        token = self.cleaned_data.get("pending") or ""
        if not token:
            return None
        pending = PendingUpload.objects.filter(owner=self.owner, token=token, kind=self.pending_kind).first()
        return pending  # an expired or foreign token is ignored

    def entry(self):
        """What the service attaches: {'clean' or 'pending', ...} or None for an empty slot."""
        data = self.cleaned_data
        clean, pending = data.get(self.file_field), data.get("pending")
        texts = {name: data.get(name) or "" for name in ("caption", "photographer", "title")}
        if clean:
            return {"clean": clean, "original_name": clean.original_name, "size": clean.size, **texts}
        if pending:
            return {"pending": pending, "original_name": pending.original_name, "size": pending.size, **texts}
        return None


class PhotoForm(PendingMixin, forms.Form):
    file_field = "image"
    pending_kind = PendingUpload.Kind.IMAGE

    image = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/bmp,image/webp"}
        ),
    )
    pending = forms.CharField(required=False, widget=forms.HiddenInput)
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    photographer = forms.CharField(label=_("Photographer"), max_length=150, required=False)

    def __init__(self, *args, owner=None, **kwargs):
        self.owner = owner
        super().__init__(*args, **kwargs)

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        return validate_image(upload) if upload else None

    def clean(self):
        data = super().clean()
        if (
            data.get("caption")
            and not (data.get("image") or data.get("pending"))
            and "image" not in self.errors
        ):
            self.add_error("image", _("Choose the photo for this caption."))
        for name in ("caption", "photographer"):
            data[name] = normalize_text(data.get(name) or "", multiline=False)
        return data


class AttachmentForm(PendingMixin, forms.Form):
    pending_kind = PendingUpload.Kind.ATTACHMENT

    file = forms.FileField(
        label=_("File"), required=False, help_text=_("PDF, Word (.docx, .doc), OpenDocument, Excel.")
    )
    pending = forms.CharField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)

    def __init__(self, *args, owner=None, **kwargs):
        self.owner = owner
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        return validate_document(upload, kinds=ATTACHMENT_KINDS) if upload else None

    def clean(self):
        data = super().clean()
        data["title"] = normalize_text(data.get("title") or "", multiline=False)
        return data


PhotoFormSet = forms.formset_factory(PhotoForm, extra=3, max_num=10)
AttachmentFormSet = forms.formset_factory(AttachmentForm, extra=2, max_num=10)


class SubmissionForm(forms.ModelForm):
    """The author's "Gửi tin, bài" form; sender details required (Bình Phước Điều 9.1.b)."""

    word_file = forms.FileField(
        label=_("Or upload a Word file (.docx)"),
        required=False,
        help_text=_(
            "Its text, headings, lists, tables and images become the body; the file is kept as an attachment."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        ),
    )
    word_pending = forms.CharField(required=False, widget=forms.HiddenInput)
    deadline_rule = forms.ChoiceField(label=_("Deadline"), choices=DeadlineRule.choices, required=False)
    event_at = forms.DateTimeField(
        label=_("Event date and time"),
        required=False,
        widget=DATETIME_WIDGET,
        input_formats=DATETIME_FORMATS,
        help_text=_("For news: when the event took place. For documents: when they were issued or approved."),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Item
        fields = [
            "kind",
            "proposed_category",
            "title",
            "summary",
            "body",
            "event_at",
            "deadline_rule",
            "sender_full_name",
            "sender_position",
            "sender_email",
            "sender_phone",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, owner=None, **kwargs):
        self.owner = owner
        self.word_html = None
        self.word_clean = None
        self.word_skipped = 0
        super().__init__(*args, **kwargs)
        self.fields["proposed_category"].queryset = Category.objects.filter(is_visible=True, link="")
        self.fields["proposed_category"].label = _("Proposed category")
        self.fields["body"].required = False
        self.fields["body"].widget = CKEditor5Widget(config_name="default")
        for name in ("sender_full_name", "sender_email", "sender_phone"):
            self.fields[name].required = True
        self.fields["kind"].choices = [c for c in ItemKind.choices]

    def clean_word_file(self):
        upload = self.cleaned_data.get("word_file")
        if not upload:
            return None
        self.word_html, self.word_skipped, self.word_clean = word_to_html(upload)
        return self.word_clean

    def clean_word_pending(self):
        token = self.cleaned_data.get("word_pending") or ""
        if not token:
            return None
        return PendingUpload.objects.filter(
            owner=self.owner, token=token, kind=PendingUpload.Kind.WORD
        ).first()

    def clean(self):
        data = super().clean()
        if self.word_html:
            data["body"] = self.word_html
        if not (data.get("body") or "").strip() and "word_file" not in self.errors:
            self.add_error("body", _("Write the body or upload a Word file."))
        for name in ("sender_full_name", "sender_position", "sender_phone"):
            data[name] = normalize_text(data.get(name) or "", multiline=False)
        return data

    def word_entry(self):
        if self.word_clean:
            clean = self.word_clean
            return {
                "clean": clean,
                "original_name": clean.original_name,
                "size": clean.size,
                "title": _("Original Word file"),
            }
        pending = self.cleaned_data.get("word_pending")
        if pending:
            return {
                "pending": pending,
                "original_name": pending.original_name,
                "size": pending.size,
                "title": _("Original Word file"),
            }
        return None


class EditForm(forms.ModelForm):
    """Step 1 (and corrections in steps 2–3): the text, with the version it was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Item
        fields = ["kind", "category", "title", "summary", "body", "byline"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget = CKEditor5Widget(config_name="default")
        self.fields["category"].queryset = Category.objects.filter(link="")
        self.fields["category"].required = True


class TransitionForm(forms.Form):
    """One button on the item page: the action, the state the page showed, a comment, a reason."""

    action = forms.CharField(widget=forms.HiddenInput)
    expected_state = forms.ChoiceField(choices=ItemStatus.choices, widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.ChoiceField(
        label=_("Reason for rejection"),
        required=False,
        choices=[("", "—")] + list(RejectionReason.choices),
    )
    # assign
    assignee = MemberChoiceField(
        label=_("Assign to"), queryset=get_user_model().objects.none(), required=False
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—")] + list(ItemKind.choices), required=False)
    deadline_rule = forms.ChoiceField(
        label=_("Deadline"), choices=[("", "—")] + DeadlineRule.choices, required=False
    )
    # schedule
    scheduled_for = forms.DateTimeField(
        label=_("Publish at"), required=False, widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = board_members()
        self.fields["category"].queryset = Category.objects.filter(link="")

    def extra(self):
        data = self.cleaned_data
        action = data["action"]
        if action == "assign":
            return {
                "assignee": data.get("assignee"),
                "category": data.get("category"),
                "kind": data.get("kind"),
                "deadline_rule": data.get("deadline_rule"),
            }
        if action == "schedule":
            return {"scheduled_for": data.get("scheduled_for")}
        return {}


class BulkAssignForm(forms.Form):
    """Assigning several received items at once is safe: each goes through the same service."""

    items = forms.ModelMultipleChoiceField(queryset=Item.objects.none(), widget=forms.CheckboxSelectMultiple)
    assignee = MemberChoiceField(label=_("Assign to"), queryset=get_user_model().objects.none())

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items if items is not None else Item.objects.none()
        self.fields["assignee"].queryset = board_members()


class BoardFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + list(ItemStatus.choices)
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.filter(is_active=True)
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + list(ItemKind.choices)
    )
    category = forms.ModelChoiceField(
        label=_("Category"), required=False, queryset=Category.objects.filter(link="")
    )
    assignee = MemberChoiceField(
        label=_("Assigned to"), required=False, queryset=get_user_model().objects.none()
    )
    overdue = forms.BooleanField(label=_("Late only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = board_members()


class DelegationForm(forms.Form):
    delegate = MemberChoiceField(label=_("Authorise"), queryset=get_user_model().objects.none())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["delegate"].queryset = (
            User.objects.filter(is_active=True, groups__name__in=["deputy_head", "board_member"])
            .distinct()
            .order_by("last_name", "first_name")
        )

    def clean_delegate(self):
        user = self.cleaned_data["delegate"]
        if perms.can_verify(user) and not perms.is_delegate(user) and user.has_perm("editorial.verify_item"):
            raise ValidationError(_("This person may already verify and approve."))
        return user
