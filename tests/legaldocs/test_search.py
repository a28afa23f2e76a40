import pytest

from legaldocs.selectors import documents_filter, documents_search
from legaldocs.services import number_key

from .factories import make_document

pytestmark = pytest.mark.django_db


def test_number_key_folds_and_collapses_punctuation():
    assert number_key("15/2024/QĐ-UBND") == "15 2024 qd ubnd"
    assert number_key("15 / 2024 / qđ – ubnd ") == "15 2024 qd ubnd"


@pytest.mark.parametrize("query", ["15/2024/QĐ-UBND", "15/2024/QD-UBND", "15 2024", "15-2024-qd-ubnd"])
def test_a_document_is_found_by_its_number_in_any_spelling(query):
    wanted = make_document("15/2024/QĐ-UBND")
    make_document("115/2023/QĐ-UBND", summary="Quy định khác")
    assert documents_search(query) == [wanted]


def test_search_ignores_diacritics():
    wanted = make_document(summary="Quy định về chứng thực bản sao")
    make_document("2/2024/CT-UBND", type_name="Chỉ thị", summary="Tăng cường phổ biến pháp luật")
    assert documents_search("chung thuc") == [wanted]
    assert documents_search("Chứng Thực") == [wanted]


def test_unpublished_documents_are_not_found():
    make_document(is_published=False)
    assert documents_search("15/2024") == []


def test_empty_query_finds_nothing_for_the_site_search():
    make_document()
    assert documents_search("  ") == []


def test_filters_by_type_year_and_status():
    decision = make_document("1/2024/QĐ-UBND")
    make_document("2/2023/CT-UBND", type_name="Chỉ thị", issued_on=__import__("datetime").date(2023, 1, 5))
    expired = make_document(
        "3/2020/QĐ-UBND", status="expired", issued_on=__import__("datetime").date(2020, 6, 1)
    )
    assert list(documents_filter(year=2024)) == [decision]
    assert list(documents_filter(status="expired")) == [expired]
    assert set(documents_filter(doc_type=decision.doc_type_id)) == {decision, expired}
