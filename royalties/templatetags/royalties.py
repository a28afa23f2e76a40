"""Money as people read it: `{{ amount|dong }}` gives "1.250.000 đ" (Vietnamese) or "1,250,000 VND" (English)."""

from django import template
from django.utils import translation

from royalties.words import amount_in_words

register = template.Library()


def format_dong(amount, language=None):
    """Whole đồng with thousands separators; never a float, never decimals."""
    if amount is None or amount == "":
        return ""
    amount = int(amount)
    digits = f"{abs(amount):,}"
    sign = "-" if amount < 0 else ""
    if (language or translation.get_language() or "vi").startswith("en"):
        return f"{sign}{digits} VND"
    return f"{sign}{digits.replace(',', '.')} đ"


@register.filter
def dong(amount):
    return format_dong(amount)


@register.filter
def in_words(amount):
    """The "Bằng chữ" line: always Vietnamese, as on the payment voucher."""
    return amount_in_words(int(amount or 0))


@register.filter
def coefficient(value):
    """A Decimal coefficient without trailing zeros: 2.50 -> "2,5" in Vietnamese."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    if not (translation.get_language() or "vi").startswith("en"):
        text = text.replace(".", ",")
    return text
