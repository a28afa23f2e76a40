"""Demo legal documents with Vietnamese numbers (idempotent: keyed by number)."""

import datetime

from .models import DocumentType, IssuingBody, LegalDocument, LegalField
from .services import document_save, number_key

DOCUMENTS = [
    # number, type, body, field, issued, effective, status, group, signer, summary
    ("15/2024/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh", "Hộ tịch", "2024-03-18", "2024-04-01", "in_force", "quy-pham", "Võ Trọng Hải", "Ban hành Quy chế phối hợp trong công tác đăng ký, quản lý hộ tịch trên địa bàn tỉnh"),
    ("22/2023/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh", "Công chứng", "2023-06-12", "2023-07-01", "in_force", "quy-pham", "Võ Trọng Hải", "Quy định tiêu chí xét duyệt hồ sơ thành lập Văn phòng công chứng trên địa bàn tỉnh"),
    ("08/2021/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh", "Công chứng", "2021-04-02", "2021-04-15", "expired", "quy-pham", "Đặng Quốc Vinh", "Quy định tiêu chí xét duyệt hồ sơ thành lập Văn phòng công chứng (đã được thay thế)"),
    ("45/2022/NQ-HĐND", "Nghị quyết", "Hội đồng nhân dân tỉnh", "Trợ giúp pháp lý", "2022-07-15", "2022-08-01", "in_force", "quy-pham", "Hoàng Trung Dũng", "Quy định mức chi thực hiện công tác trợ giúp pháp lý trên địa bàn tỉnh"),
    ("30/2020/NQ-HĐND", "Nghị quyết", "Hội đồng nhân dân tỉnh", "Phổ biến, giáo dục pháp luật", "2020-12-10", "2021-01-01", "partly_expired", "quy-pham", "Hoàng Trung Dũng", "Quy định mức chi cho công tác phổ biến, giáo dục pháp luật, hòa giải ở cơ sở"),
    ("12/2025/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh", "Phổ biến, giáo dục pháp luật", "2025-05-20", "2025-06-01", "in_force", "quy-pham", "Võ Trọng Hải", "Sửa đổi, bổ sung một số điều của Nghị quyết số 30/2020/NQ-HĐND về mức chi phổ biến pháp luật"),
    ("03/2024/CT-UBND", "Chỉ thị", "Ủy ban nhân dân tỉnh", "Theo dõi thi hành pháp luật", "2024-02-01", "2024-02-01", "in_force", "quy-pham", "Võ Trọng Hải", "Về tăng cường công tác theo dõi thi hành pháp luật trên địa bàn tỉnh"),
    ("19/2024/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh", "Xử lý vi phạm hành chính", "2024-05-08", "2024-05-20", "in_force", "quy-pham", "Đặng Quốc Vinh", "Quy định phân cấp quản lý nhà nước về xử lý vi phạm hành chính"),
    ("27/2023/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh", "Chứng thực", "2023-09-14", "2023-10-01", "in_force", "quy-pham", "Võ Trọng Hải", "Quy định thẩm quyền chứng thực bản sao từ bản chính tại Ủy ban nhân dân cấp xã"),
    ("06/2022/QĐ-UBND", "Quyết định", "Ủy ban nhân dân tỉnh", "Bồi thường nhà nước", "2022-03-03", "2022-03-15", "in_force", "quy-pham", "Đặng Quốc Vinh", "Ban hành Quy chế phối hợp trong công tác bồi thường nhà nước"),
    ("10/2024/TT-BTP", "Thông tư", "Bộ Tư pháp", "Hộ tịch", "2024-09-30", "2024-11-15", "in_force", "quy-pham", "Nguyễn Thanh Tịnh", "Hướng dẫn thi hành một số điều của Luật Hộ tịch về đăng ký hộ tịch trực tuyến"),
    ("01/2022/TT-BTP", "Thông tư", "Bộ Tư pháp", "Công chứng", "2022-01-04", "2022-02-20", "partly_expired", "quy-pham", "Mai Lương Khôi", "Quy định chi tiết một số điều của Luật Công chứng"),
    ("82/2020/NĐ-CP", "Nghị định", "Chính phủ", "Xử lý vi phạm hành chính", "2020-07-15", "2020-09-01", "in_force", "quy-pham", "Lê Văn Thành", "Quy định xử phạt vi phạm hành chính trong lĩnh vực bổ trợ tư pháp, hành chính tư pháp, hôn nhân và gia đình"),
    ("23/2015/NĐ-CP", "Nghị định", "Chính phủ", "Chứng thực", "2015-02-16", "2015-04-10", "partly_expired", "quy-pham", "Nguyễn Tấn Dũng", "Về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch"),
    ("120/KH-STP", "Kế hoạch", "Sở Tư pháp", "Phổ biến, giáo dục pháp luật", "2026-01-10", None, "in_force", "chi-dao", "Lê Văn Minh", "Kế hoạch công tác phổ biến, giáo dục pháp luật năm 2026"),
    ("350/STP-PBGDPL", "Công văn", "Sở Tư pháp", "Phổ biến, giáo dục pháp luật", "2026-03-02", None, "in_force", "chi-dao", "Trần Thị Hoa", "Về việc hưởng ứng Ngày Pháp luật Việt Nam năm 2026"),
    ("05/CT-STP", "Chỉ thị", "Sở Tư pháp", "Cải cách hành chính", "2026-02-15", None, "in_force", "chi-dao", "Lê Văn Minh", "Về tăng cường kỷ luật, kỷ cương hành chính trong giải quyết thủ tục hành chính"),
    ("78/KH-UBND", "Kế hoạch", "Ủy ban nhân dân tỉnh", "Hòa giải ở cơ sở", "2026-04-05", None, "in_force", "chi-dao", "Võ Trọng Hải", "Triển khai thi hành Luật Hòa giải ở cơ sở giai đoạn 2026–2030"),
    ("412/STP-VP", "Công văn", "Sở Tư pháp", "Cải cách hành chính", "2026-08-20", None, "in_force", "chi-dao", "Lê Văn Minh", "Về việc đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình"),
    ("14/HD-STP", "Hướng dẫn", "Sở Tư pháp", "Hộ tịch", "2026-06-11", None, "in_force", "chi-dao", "Trần Thị Hoa", "Hướng dẫn nghiệp vụ đăng ký khai sinh, khai tử liên thông"),
]
REPLACEMENTS = [("08/2021/QĐ-UBND", "replaced_by", "22/2023/QĐ-UBND"), ("30/2020/NQ-HĐND", "amended_by", "12/2025/QĐ-UBND")]


def seed(command):
    for number, type_name, body, field, issued, effective, status, group, signer, summary in DOCUMENTS:
        if LegalDocument.objects.filter(number_key=number_key(number)).exists():
            continue
        document_save(LegalDocument(
            number=number,
            doc_type=DocumentType.objects.get_or_create(name=type_name)[0],
            issuing_body=IssuingBody.objects.get_or_create(name=body)[0],
            legal_field=LegalField.objects.get_or_create(name=field)[0],
            issued_on=datetime.date.fromisoformat(issued),
            effective_on=datetime.date.fromisoformat(effective) if effective else None,
            status=status, group=group, signer=signer, summary=summary,
            full_text=f"<p><strong>{summary}</strong></p><p>Điều 1. Phạm vi điều chỉnh</p><p>Điều 2. Đối tượng áp dụng</p><p>Điều 3. Hiệu lực thi hành</p>",
        ))
    for old, relation, new in REPLACEMENTS:
        source = LegalDocument.objects.get(number_key=number_key(old))
        getattr(source, relation).add(LegalDocument.objects.get(number_key=number_key(new)))
    command.stdout.write(f"Legal documents: {LegalDocument.objects.count()}")
