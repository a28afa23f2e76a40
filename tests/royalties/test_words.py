from decimal import Decimal

import pytest
from django.utils import translation

from royalties.templatetags.royalties import coefficient, dong, format_dong, in_words
from royalties.words import amount_in_words, number_to_words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (1, "một"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (1_000, "một nghìn"),
        (1_005, "một nghìn không trăm linh năm"),
        (10_000, "mười nghìn"),
        (15_000, "mười lăm nghìn"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_000_100, "một triệu một trăm"),
        (1_010_000, "một triệu không trăm mười nghìn"),
        (1_250_000, "một triệu hai trăm năm mươi nghìn"),
        (1_000_000_000, "một tỷ"),
        (1_000_000_005, "một tỷ không trăm linh năm"),
        (21_500_000_000, "hai mươi mốt tỷ năm trăm triệu"),
        (1_000_000_000_000, "một nghìn tỷ"),
        (-5_000, "âm năm nghìn"),
    ],
)
def test_numbers_read_in_vietnamese(number, words):
    assert number_to_words(number) == words


def test_an_amount_is_written_as_on_a_voucher():
    assert amount_in_words(0) == "Không đồng"
    assert amount_in_words(1_000_005) == "Một triệu không trăm linh năm đồng"
    assert in_words(250_000) == "Hai trăm năm mươi nghìn đồng"


def test_amounts_use_vietnamese_separators_and_the_dong_sign():
    with translation.override("vi"):
        assert dong(1_250_000) == "1.250.000 đ"
        assert dong(0) == "0 đ"
        assert dong(-100_000) == "-100.000 đ"
        assert coefficient(Decimal("2.50")) == "2,5"
    with translation.override("en"):
        assert dong(1_250_000) == "1,250,000 VND"
    assert format_dong(None) == ""
