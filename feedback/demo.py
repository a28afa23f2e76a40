"""Demo content: answered and published Q&A, a petition, a new question, one open and one closed draft.

Idempotent: rows are found by tracking code or slug, so a second run adds nothing.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.text import fold
from organisation.models import Unit

from .models import Draft, DraftComment, Field, Question, QuestionKind, QuestionStatus, QuestionTransition
from .workflow import answer_due

QA = [
    ("HD-DEMO0001", "ho-tich", "Đăng ký khai sinh cho con khi cha mẹ chưa đăng ký kết hôn",
     "Vợ chồng tôi chưa đăng ký kết hôn, nay sinh con. Xin hỏi thủ tục đăng ký khai sinh cho cháu như thế nào?",
     "Theo Luật Hộ tịch năm 2014, trường hợp cha mẹ chưa đăng ký kết hôn, việc khai sinh được thực hiện như "
     "đối với trẻ chưa xác định được cha; nếu người cha yêu cầu nhận con thì kết hợp giải quyết việc nhận cha, "
     "con và đăng ký khai sinh tại Ủy ban nhân dân cấp xã nơi cư trú của người mẹ hoặc người cha.",
     "Nguyễn Thị Hoa"),
    ("HD-DEMO0002", "chung-thuc", "Chứng thực bản sao từ bản chính có cần mang bản chính không?",
     "Tôi cần chứng thực bản sao sổ hộ khẩu, có bắt buộc mang theo bản chính không?",
     "Có. Theo Nghị định 23/2015/NĐ-CP, người yêu cầu chứng thực bản sao từ bản chính phải xuất trình bản "
     "chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao.",
     "Trần Văn Bình"),
    ("HD-DEMO0003", "dat-dai", "Thừa kế quyền sử dụng đất khi không có di chúc",
     "Bố tôi mất không để lại di chúc, mảnh đất đứng tên bố được chia thừa kế như thế nào?",
     "Di sản được chia theo pháp luật: hàng thừa kế thứ nhất gồm vợ, chồng, cha đẻ, mẹ đẻ, cha nuôi, mẹ nuôi, "
     "con đẻ, con nuôi của người chết, mỗi người được hưởng phần di sản bằng nhau (Bộ luật Dân sự 2015, "
     "Điều 650, 651). Văn bản khai nhận hoặc thỏa thuận phân chia di sản được công chứng tại tổ chức hành nghề "
     "công chứng.",
     "Lê Minh Tuấn"),
    ("PA-DEMO0001", "thu-tuc-hanh-chinh", "Kiến nghị rút ngắn thời gian cấp Phiếu lý lịch tư pháp",
     "Thời gian cấp Phiếu lý lịch tư pháp 10 ngày là quá dài, đề nghị Sở xem xét rút ngắn.",
     "Sở Tư pháp ghi nhận kiến nghị. Từ tháng 7/2026, người dân nộp hồ sơ trực tuyến trên Cổng dịch vụ công "
     "được cấp Phiếu lý lịch tư pháp trong 7 ngày làm việc.",
     "Phạm Thu Hà"),
]


def seed(command):
    User = get_user_model()
    secretary = User.objects.filter(groups__name="secretary").first()
    head = User.objects.filter(groups__name="head").first()
    unit = Unit.objects.filter(name__icontains="Hành chính tư pháp").first() or Unit.objects.first()
    if unit is None:
        return
    now = timezone.now()
    for n, (code, field_slug, title, body, answer, name) in enumerate(QA):
        field = Field.objects.filter(slug=field_slug).first() or Field.objects.first()
        received = now - timedelta(days=40 + n * 7)
        question, created = Question.objects.get_or_create(
            tracking_code=code,
            defaults=dict(
                kind=QuestionKind.PETITION if code.startswith("PA") else QuestionKind.QUESTION,
                field=field, title=title, body=body, answer=answer, full_name=name,
                email=f"demo{n}@example.vn", phone="0912345678", consent_at=received,
                consent_version="2026-01", received_at=received, due_at=answer_due(received),
                status=QuestionStatus.ANSWERED, unit=unit, approved_by=head,
                answered_at=received + timedelta(days=8), closed_at=received + timedelta(days=8),
                is_public=True, published_at=received + timedelta(days=8),
                search_text=fold(f"{title} {body} {answer}"),
            ),
        )
        if created:
            for action, source, target, actor in (
                ("submit", "", "received", None), ("forward", "received", "forwarded", secretary),
                ("submit_answer", "forwarded", "drafted", None), ("approve", "drafted", "answered", head),
            ):
                QuestionTransition.objects.create(
                    question=question, actor=actor, action=action, from_state=source, to_state=target
                )
    waiting, created = Question.objects.get_or_create(
        tracking_code="HD-DEMO0009",
        defaults=dict(
            field=Field.objects.filter(slug="cong-chung").first() or Field.objects.first(),
            title="Công chứng hợp đồng mua bán nhà ở ngoài giờ hành chính",
            body="Tổ chức hành nghề công chứng có được công chứng ngoài giờ hành chính tại nhà không?",
            full_name="Võ Thanh Tâm", email="tam@example.vn", phone="0987654321",
            consent_at=now, consent_version="2026-01", received_at=now, due_at=answer_due(now),
            search_text=fold("Công chứng hợp đồng mua bán nhà ở ngoài giờ hành chính"),
        ),
    )
    if created:
        QuestionTransition.objects.create(question=waiting, actor=None, action="submit", from_state="",
                                          to_state="received")
    open_draft, _created = Draft.objects.get_or_create(
        slug="du-thao-quy-dinh-quan-ly-cong-thong-tin-dien-tu",
        defaults=dict(
            title="Dự thảo Quy định quản lý, vận hành Cổng thông tin điện tử Sở Tư pháp",
            summary="Lấy ý kiến rộng rãi về dự thảo quy định quản lý, cung cấp thông tin trên Cổng thông tin điện tử.",
            body="<p><strong>Chương I. Quy định chung</strong></p><p>Điều 1. Phạm vi điều chỉnh…</p>",
            drafting_unit=unit, opens_at=now - timedelta(days=5), closes_at=now + timedelta(days=25),
            created_by=secretary,
        ),
    )
    closed_draft, created = Draft.objects.get_or_create(
        slug="du-thao-ke-hoach-pho-bien-giao-duc-phap-luat-2026",
        defaults=dict(
            title="Dự thảo Kế hoạch phổ biến, giáo dục pháp luật năm 2026",
            summary="Kế hoạch phổ biến, giáo dục pháp luật trên địa bàn tỉnh năm 2026.",
            body="<p>I. Mục đích, yêu cầu…</p><p>II. Nội dung…</p>",
            drafting_unit=unit, opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=30),
            comments_summary="Đã nhận 2 ý kiến; tiếp thu ý kiến bổ sung hình thức phổ biến qua mạng xã hội.",
            created_by=secretary,
        ),
    )
    if created:
        DraftComment.objects.create(
            draft=closed_draft, full_name="Hoàng Văn Sơn", organisation="UBND xã Thạch Hạ",
            email="son@example.vn", body="Đề nghị bổ sung phổ biến pháp luật qua Zalo.", is_published=True,
            created_at=now - timedelta(days=45), consent_at=now - timedelta(days=45), consent_version="2026-01",
        )
    command.stdout.write(f"Feedback: {Question.objects.count()} questions, {Draft.objects.count()} drafts.")
