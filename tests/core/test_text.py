import unicodedata

from core.text import fold, normalize_text, search_terms, slugify_vi


def test_slug_of_vietnamese_title_folds_d_with_stroke():
    assert slugify_vi("Phổ biến pháp luật về đất đai") == "pho-bien-phap-luat-ve-dat-dai"
    assert slugify_vi("ĐẠI HỘI Đảng bộ") == "dai-hoi-dang-bo"


def test_decomposed_input_is_stored_composed():
    nfd = unicodedata.normalize("NFD", "pháp luật")
    assert normalize_text(nfd) == "pháp luật"
    assert normalize_text(nfd).encode() == "pháp luật".encode()


def test_zero_width_and_bidi_characters_are_removed():
    assert normalize_text("ph\u200bá\u202ep luật\ufeff") == "pháp luật"


def test_fold_ignores_diacritics_and_case():
    assert fold("Pháp Luật ĐẤT ĐAI") == "phap luat dat dai"
    assert search_terms("  phap   LUẬT phap ") == ["phap", "luat"]
