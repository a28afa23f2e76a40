"""Q&A pages come from the page cache for anonymous readers, yet a new answer shows at once."""

import pytest
from django.urls import reverse

from articles.selectors import public_cache_generation
from feedback.models import Field
from feedback.services import question_act

from .factories import question_make

pytestmark = pytest.mark.django_db


def _answer(question, sam, carol, hana, unit, publish=True):
    question_act(pk=question.pk, action="forward", actor=sam, unit=unit)
    question_act(pk=question.pk, action="submit_answer", actor=carol, answer="Trả lời chi tiết")
    question_act(pk=question.pk, action="approve", actor=hana, publish=publish)


def test_the_list_is_served_from_the_cache_and_a_published_answer_shows_at_once(
    client, sam, carol, hana, unit, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _answer(question_make(title="Khai sinh cho con ngoài giá thú"), sam, carol, hana, unit)
    url = reverse("feedback:question_list")
    assert "Khai sinh cho con ngoài giá thú" in client.get(url).content.decode()
    with django_assert_num_queries(0):
        assert "Khai sinh cho con ngoài giá thú" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        _answer(question_make(title="Chứng thực bản sao hộ chiếu"), sam, carol, hana, unit)
    assert "Chứng thực bản sao hộ chiếu" in client.get(url).content.decode()


def test_an_unpublished_answer_leaves_the_public_pages_at_once(
    client, sam, carol, hana, unit, django_capture_on_commit_callbacks
):
    question = question_make(title="Đổi tên trong giấy khai sinh")
    with django_capture_on_commit_callbacks(execute=True):
        _answer(question, sam, carol, hana, unit)
    detail = reverse("feedback:question_detail", args=[question.pk])
    assert client.get(detail).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        question_act(pk=question.pk, action="unpublish", actor=hana)
    assert client.get(detail).status_code == 404
    assert "Đổi tên trong giấy khai sinh" not in client.get(reverse("feedback:question_list")).content.decode()


def test_staff_work_on_questions_the_public_does_not_see_keeps_the_cache(
    sam, unit, django_capture_on_commit_callbacks
):
    before = public_cache_generation()
    with django_capture_on_commit_callbacks(execute=True):
        question = question_make(title="Câu hỏi chưa trả lời")
        question_act(pk=question.pk, action="forward", actor=sam, unit=unit)
    assert public_cache_generation() == before
    with django_capture_on_commit_callbacks(execute=True):
        Field.objects.filter(slug="ho-tich").first().save()  # a field name shows in the filter
    assert public_cache_generation() != before


def test_a_reader_with_a_session_still_sees_the_new_answer(
    client, sam, carol, hana, unit, django_capture_on_commit_callbacks
):
    client.cookies["sessionid"] = "anonymous-visitor-who-sent-a-question"
    url = reverse("feedback:question_list")
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        _answer(question_make(title="Nhận cha mẹ con"), sam, carol, hana, unit)
    assert "Nhận cha mẹ con" in client.get(url).content.decode()


def test_the_lists_count_is_kept_until_an_answer_is_published(
    client, settings, sam, carol, hana, unit, django_capture_on_commit_callbacks
):
    """Counting every answered question read the whole table on each page rendered; the count
    is kept under the public cache generation, so a publication still shows in the pages."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PUBLIC_PAGE_CACHE = False  # every request renders the list
    for n in range(15):
        with django_capture_on_commit_callbacks(execute=True):
            _answer(question_make(title=f"Câu hỏi thứ {n}"), sam, carol, hana, unit)
    url = reverse("feedback:question_list")
    assert "?page=2" not in client.get(url).content.decode()  # 15: one page
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    assert not any("COUNT(" in q["sql"].upper() for q in captured), "the count is kept"

    with django_capture_on_commit_callbacks(execute=True):
        _answer(question_make(title="Câu hỏi thứ mười sáu"), sam, carol, hana, unit)
    assert "page=2" in client.get(url).content.decode()
    assert "Câu hỏi thứ 0" in client.get(url + "?page=2").content.decode()
