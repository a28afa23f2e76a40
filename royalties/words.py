"""Amounts in Vietnamese words, for the "Bằng chữ: …" line of a payment statement.

Style chosen (the common bank and accounting style, northern variant):

- groups of three digits with the scale words "nghìn", "triệu", "tỷ"; above a
  billion the count of billions is read on its own ("một nghìn tỷ");
- a group of three zeros is skipped ("một triệu" for 1.000.000, "một tỷ");
- a non-leading group is read in full, hundreds included, so 1.000.005 is
  "một triệu không trăm linh năm" and 1.005 is "một nghìn không trăm linh năm";
- "linh" for a zero tens digit (105: "một trăm linh năm");
- "mười" for the tens digit 1 (10, 15: "mười", "mười lăm"), "mươi" otherwise;
- "mốt" for 1 after "mươi" (21: "hai mươi mốt", but 11: "mười một"),
  "lăm" for 5 after a tens digit (15, 25), "tư" for 4 after "mươi" (24: "hai mươi tư");
- zero is "không"; a negative amount starts with "âm".
"""

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = [(10**6, "triệu"), (10**3, "nghìn")]
BILLION = 10**9


def _group(number, full):
    """Read 0 < number < 1000; `full` reads the hundreds even when zero ("không trăm…")."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        elif units == 4 and tens >= 2:
            words.append("tư")
        else:
            words.append(DIGITS[units])
    return words


def _below_billion(number, full):
    words = []
    for scale, name in SCALES:
        part, number = divmod(number, scale)
        if part:
            words += _group(part, full) + [name]
            full = True
    if number:
        words += _group(number, full)
    return words


def _words(number, full=False):
    if number >= BILLION:
        billions, rest = divmod(number, BILLION)
        words = _words(billions, full) + ["tỷ"]
        if rest:
            words += _below_billion(rest, True)
        return words
    return _below_billion(number, full)


def number_to_words(number):
    """The integer `number` in Vietnamese words, lower case: 21 -> "hai mươi mốt"."""
    number = int(number)
    if number == 0:
        return DIGITS[0]
    if number < 0:
        return "âm " + number_to_words(-number)
    return " ".join(_words(number))


def amount_in_words(amount):
    """An amount of đồng as written on a voucher: 1000005 -> "Một triệu không trăm linh năm đồng"."""
    text = number_to_words(amount) + " đồng"
    return text[0].upper() + text[1:]
