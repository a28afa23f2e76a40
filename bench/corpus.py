"""Vietnamese text for the data set, built from a fixed vocabulary.

Every word is stored with its folded form (core.text.fold), so an item's
search text is assembled from pre-folded pieces instead of folding a million
bodies one character at a time. fold works character by character, so the fold
of "a b" is the fold of "a" + " " + the fold of "b": the result is exactly what
articles.services.item_prepare would store (tests/bench checks it).
"""

import random

from core.text import fold

SUBJECTS = [
    "Sở Tư pháp", "Phòng Tư pháp huyện", "Ủy ban nhân dân tỉnh", "Trung tâm Trợ giúp pháp lý",
    "Hội đồng phối hợp phổ biến", "Ban Biên tập", "Phòng Công chứng", "Thanh tra Sở",
    "Ủy ban nhân dân xã", "Hội Luật gia", "Đoàn Luật sư", "Phòng Hành chính tư pháp",
    "Cán bộ tư pháp hộ tịch", "Báo cáo viên pháp luật", "Tuyên truyền viên", "Hòa giải viên cơ sở",
]
VERBS = [
    "tổ chức", "triển khai", "hướng dẫn", "kiểm tra", "tuyên truyền", "phổ biến", "tập huấn",
    "rà soát", "góp ý", "thẩm định", "tổng kết", "đánh giá", "ban hành", "thực hiện", "giải đáp",
    "hỗ trợ", "phối hợp", "sơ kết", "đôn đốc", "tiếp nhận",
]
OBJECTS = [
    "Luật Đất đai năm 2024", "Bộ luật Dân sự", "Luật Hôn nhân và gia đình", "Luật Hộ tịch",
    "công tác hòa giải ở cơ sở", "chứng thực bản sao", "đăng ký khai sinh", "Luật Xử lý vi phạm hành chính",
    "trợ giúp pháp lý cho người nghèo", "văn bản quy phạm pháp luật", "thủ tục hành chính",
    "Ngày Pháp luật Việt Nam", "quyền của người tiêu dùng", "phòng, chống bạo lực gia đình",
    "an toàn giao thông", "Luật Cư trú", "lý lịch tư pháp", "đấu giá tài sản", "công chứng hợp đồng",
    "quản lý xử lý vi phạm", "bồi thường nhà nước", "theo dõi thi hành pháp luật", "Luật Phòng, chống ma túy",
    "cải cách hành chính", "chuyển đổi số", "pháp luật về lao động", "bảo vệ môi trường", "Luật Trẻ em",
]
PLACES = [
    "tại huyện Đồng Xoài", "tại thị xã Phước Long", "tại xã Tân Thành", "tại thành phố", "tại hội trường Sở",
    "ở vùng đồng bào dân tộc thiểu số", "tại các trường học", "tại khu công nghiệp", "trên địa bàn tỉnh",
    "tại xã biên giới", "cho cán bộ cơ sở", "cho người lao động", "cho học sinh, sinh viên",
]
TAILS = [
    "năm 2026", "quý III", "đợt một", "giai đoạn 2021 – 2025", "theo kế hoạch", "trong tháng",
    "đạt kết quả tốt", "có nhiều đổi mới", "với sự tham gia của đông đảo người dân", "hiệu quả, thiết thực",
]
FILLER = [
    "Theo đó", "Tại buổi làm việc", "Bên cạnh đó", "Qua đó", "Đồng thời", "Nhằm nâng cao nhận thức",
    "Trong thời gian tới", "Kết quả cho thấy", "Đại diện lãnh đạo", "Các đại biểu",
]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Lan", "Linh",
         "Long", "Mai", "Minh", "Nam", "Ngọc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Quốc", "Ngọc", "Đức"]


class Piece:
    """A text with its folded form."""

    __slots__ = ("text", "folded")

    def __init__(self, text):
        self.text = text
        self.folded = fold(text)


class Corpus:
    """Pools of sentences and titles drawn once; rows pick from them by index."""

    def __init__(self, seed=2026, sentences=4000, titles=20000):
        rnd = random.Random(seed)
        self.sentences = [Piece(self._sentence(rnd)) for _ in range(sentences)]
        self.titles = [Piece(self._title(rnd)) for _ in range(titles)]
        self.names = [
            f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}" for _ in range(2000)
        ]

    @staticmethod
    def _title(rnd):
        words = [rnd.choice(SUBJECTS), rnd.choice(VERBS), rnd.choice(OBJECTS), rnd.choice(PLACES)]
        if rnd.random() < 0.6:
            words.append(rnd.choice(TAILS))
        return " ".join(words)

    @staticmethod
    def _sentence(rnd):
        words = [rnd.choice(FILLER) + ",", rnd.choice(SUBJECTS).lower() if rnd.random() < 0.3
                 else rnd.choice(SUBJECTS), rnd.choice(VERBS), rnd.choice(OBJECTS), rnd.choice(PLACES)]
        if rnd.random() < 0.5:
            words += [rnd.choice(VERBS), rnd.choice(OBJECTS)]
        words.append(rnd.choice(TAILS))
        return " ".join(words) + "."

    def article(self, rnd, paragraphs=(3, 5), per_paragraph=(2, 3)):
        """(title, summary, body_html, search_text) of one item."""
        title = self.titles[rnd.randrange(len(self.titles))]
        sentences = self.sentences
        n = len(sentences)
        summary = [sentences[rnd.randrange(n)] for _ in range(2)]
        paras = [
            [sentences[rnd.randrange(n)] for _ in range(rnd.randint(*per_paragraph))]
            for _ in range(rnd.randint(*paragraphs))
        ]
        summary_text = " ".join(s.text for s in summary)
        body = "\n".join("<p>" + " ".join(s.text for s in p) + "</p>" for p in paras)
        search = " ".join(
            [title.folded, " ".join(s.folded for s in summary)]
            + [s.folded for p in paras for s in p]
        )
        return title.text, summary_text, body, search

    def text(self, rnd, sentences=(2, 4)):
        """(text, folded) of a few sentences."""
        chosen = [self.sentences[rnd.randrange(len(self.sentences))] for _ in range(rnd.randint(*sentences))]
        return " ".join(s.text for s in chosen), " ".join(s.folded for s in chosen)
