"""Read the forms on a page the way a browser would, and fill them in."""

from html.parser import HTMLParser

BASELINE_TEXT = "Nội dung hợp lệ để kiểm thử biểu mẫu của Cổng thông tin Sở Tư pháp"


class Form:
    def __init__(self, method, action, enctype):
        self.method = (method or "get").lower()
        self.action = action or ""
        self.enctype = enctype or ""
        self.fields = []  # (kind, name, value, options)

    def names(self, *kinds):
        return [name for kind, name, _, _ in self.fields if kind in kinds]


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.form = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = Form(attrs.get("method"), attrs.get("action"), attrs.get("enctype"))
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset"}:
                return
            if attrs.get("tabindex") == "-1" and kind == "text":
                kind = "honeypot"  # hidden from people; a person leaves it empty
            self.form.fields.append([kind, attrs["name"], attrs.get("value", ""), []])
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = ["textarea", attrs["name"], "", []]
            self.form.fields.append(self.textarea)
        elif tag == "select" and attrs.get("name"):
            self.select = ["select-multiple" if "multiple" in attrs else "select", attrs["name"], "", []]
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self.select[3].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[2] += data


def forms_in(html):
    parser = _Parser()
    parser.feed(html)
    return parser.forms


def baseline(form, image):
    """Values a careful person would type, so that a payload is the only thing wrong."""
    data = {}
    for kind, name, value, options in form.fields:
        if kind == "hidden":
            data[name] = value
        elif kind == "honeypot":
            continue
        elif kind == "email" or "email" in name:
            data[name] = "nguoidan@example.vn"
        elif kind == "tel" or "phone" in name or "dien_thoai" in name:
            data[name] = "0912345678"
        elif kind == "number":
            data[name] = "1"
        elif kind == "date":
            data[name] = "2026-11-20"
        elif kind == "datetime-local":
            data[name] = "2026-11-20T09:00"
        elif kind == "time":
            data[name] = "09:00"
        elif kind == "url":
            data[name] = "https://example.vn/"
        elif kind == "checkbox":
            data[name] = value or "on"
        elif kind == "radio":
            data.setdefault(name, value)
        elif kind in {"select", "select-multiple"}:
            chosen = [option for option in options if option]
            if chosen:
                data[name] = chosen[0]
        elif kind == "file":
            data[name] = image()
        elif kind == "password":
            data[name] = "Mat-khau-dai-2026"
        else:
            data[name] = value.strip() or BASELINE_TEXT
    return data


def text_field_names(form):
    return [
        name for kind, name, _, _ in form.fields
        if kind in {"text", "textarea", "search"} and "email" not in name and "phone" not in name
        and name not in {"csrfmiddlewaretoken", "username"}
    ]
