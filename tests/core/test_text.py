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


def test_fold_drops_exactly_the_non_spacing_marks_of_any_script():
    """The translate table gives what testing each character's category gives."""
    import unicodedata

    from core.text import fold

    def reference(value):
        value = unicodedata.normalize("NFD", value).replace("đ", "d").replace("Đ", "D")
        value = "".join(ch for ch in value if unicodedata.category(ch) != "Mn")
        return unicodedata.normalize("NFC", value).lower()

    samples = [
        "Hòa giải ở cơ sở; Ủy ban nhân dân tỉnh Trà Vinh; ĐẶNG ỨNG ƯỚC",
        "".join(chr(c) for c in range(0x20, 0x2FF)),  # Latin with every accent Vietnamese uses and more
        "".join(chr(c) for c in range(0x300, 0x370)),  # bare combining marks
        "مَرْحَبًا שָׁלוֹם नमस्ते ﬁ ǅ e\u0301",
    ]
    for sample in samples:
        assert fold(sample) == reference(sample)
