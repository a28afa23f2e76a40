"""Published Q&A: diacritic-insensitive search, filter by field, few queries."""

import pytest
from django.urls import reverse

from feedback.models import Field
from feedback.services import question_act

from .factories import question_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(sam, carol, hana, unit):
    def make(title, field_slug="ho-tich", kind="question"):
        question = question_make(kind=kind, title=title, field=Field.objects.get(slug=field_slug))
        question_act(pk=question.pk, action="forward", actor=sam, unit=unit)
        question_act(pk=question.pk, action="submit_answer", actor=carol, answer="Trả lời chi tiết")
        question_act(pk=question.pk, action="approve", actor=hana, publish=True)
        return question

    return make


def test_search_ignores_diacritics(client, published):
    published("Đăng ký khai sinh cho con")
    published("Chứng thực chữ ký", "chung-thuc")
    page = client.get(reverse("feedback:question_list") + "?q=dang+ky+khai+sinh").content.decode()
    assert "Đăng ký khai sinh cho con" in page and "Chứng thực chữ ký" not in page
    page = client.get(reverse("feedback:question_list") + "?q=CHỨNG+THỰC").content.decode()
    assert "Chứng thực chữ ký" in page


def test_filter_by_field(client, published):
    published("Đất nông nghiệp", "dat-dai")
    published("Công chứng di chúc", "cong-chung")
    response = client.get(reverse("feedback:question_list") + "?linh-vuc=dat-dai")
    page = response.content.decode()
    assert "Đất nông nghiệp" in page and "Công chứng di chúc" not in page


def test_list_shows_no_personal_data_and_uses_few_queries(client, published, django_assert_max_num_queries):
    for n in range(8):
        published(f"Câu hỏi số {n}")
    with django_assert_max_num_queries(6):  # session-less page: menu, count, list, fields
        page = client.get(reverse("feedback:question_list")).content.decode()
    assert "Câu hỏi số 7" in page
    assert "dan@example.vn" not in page and "0912345678" not in page and "Nguyễn Văn Dân" not in page


def test_petitions_have_their_own_list(client, published):
    published("Kiến nghị về lệ phí", "thu-tuc-hanh-chinh", kind="petition")
    published("Hỏi về hộ tịch")
    page = client.get(reverse("feedback:petition_list")).content.decode()
    assert "Kiến nghị về lệ phí" in page and "Hỏi về hộ tịch" not in page


def test_unpublished_questions_are_not_found(client):
    question = question_make()
    assert client.get(reverse("feedback:question_detail", args=[question.pk])).status_code == 404


def test_fields_are_seeded_and_editable_in_admin(admin_client):
    assert Field.objects.filter(slug__in=["ho-tich", "chung-thuc", "cong-chung", "tro-giup-phap-ly",
                                          "dat-dai"]).count() == 5
    assert admin_client.get(reverse("admin:feedback_field_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:feedback_question_changelist") + "?q=khai").status_code == 200
    assert admin_client.get(reverse("admin:feedback_draft_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:feedback_draftcomment_changelist")).status_code == 200


def test_roles_have_their_permissions(sam, mike):
    assert sam.has_perm("feedback.change_field") and sam.has_perm("feedback.add_draft")
    assert mike.has_perm("feedback.view_question") and not mike.has_perm("feedback.add_draft")


def test_demo_seed_is_idempotent(client, unit, sam, hana):
    import io
    from types import SimpleNamespace

    from feedback import demo
    from feedback.models import Draft, Question

    command = SimpleNamespace(stdout=io.StringIO())
    demo.seed(command)
    counts = (Question.objects.count(), Draft.objects.count())
    demo.seed(command)
    assert (Question.objects.count(), Draft.objects.count()) == counts == (5, 2)
    assert Question.objects.filter(is_public=True).count() >= 3
    page = client.get(reverse("feedback:draft_list")).content.decode()
    assert "Dự thảo Quy định quản lý" in page and "Dự thảo Kế hoạch phổ biến" in page
    closed = client.get(Draft.objects.get(slug__startswith="du-thao-ke-hoach").get_absolute_url())
    assert closed.context["is_closed"] and "Đã nhận 2 ý kiến" in closed.content.decode()
