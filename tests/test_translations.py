"""Every Vietnamese catalogue is complete and its compiled .mo matches the .po."""

import ast
import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted(
    p
    for p in ROOT.glob("**/locale/vi/LC_MESSAGES/django.po")
    if ".venv" not in p.parts and "site-packages" not in p.parts
)


def test_there_is_a_vietnamese_catalogue():
    assert CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_fully_translated_and_compiled(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy[:10]}"
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run compilemessages"
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(mo_path))}
    for entry in po.translated_entries():
        key = (entry.msgctxt, entry.msgid)
        assert key in compiled, f"{entry.msgid!r} is not compiled in {mo_path}: run compilemessages"


JINJA_TEXT = re.compile(r"""\b_\(\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")
JINJA_TEMPLATES = sorted(p for p in ROOT.glob("*/jinja2/**/*.jinja") if ".venv" not in p.parts)


def test_jinja_templates_exist():
    assert JINJA_TEMPLATES  # portal/jinja.py: the article and section pages


@pytest.mark.parametrize("template", JINJA_TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_text_of_a_jinja_template_is_translated(template):
    """makemessages reads only Django templates and Python: a text that only a .jinja template
    uses would leave the catalogue at the next run, and the page would turn English."""
    # At run time every catalogue is one (Django merges the apps' and LOCALE_PATHS').
    translated = {
        entry.msgid for path in CATALOGUES for entry in polib.pofile(str(path)).translated_entries()
    }
    texts = [ast.literal_eval(match) for match in JINJA_TEXT.findall(template.read_text())]
    missing = [text for text in texts if text not in translated]
    assert not missing, f"not translated in locale/vi: {missing}"
