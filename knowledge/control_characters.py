"""The one rule for control characters in text: a source title, a figure's text, a note. A heading pasted
from a release or a spreadsheet cell can carry them (a bell, a form feed, a lone surrogate); they
show as nothing, and python-docx refuses to write them ("All strings must be XML compatible"), which
made every 进度通报 fail.

    stored_text(text, multiline) — as text is written to the knowledge base (Store.write_audited_many,
                                   Store.ensure_source)
    xml_text(text)               — as text is written into a Word document (knowledge.reports) or a
                                   workbook (knowledge.tables.export), for rows stored before the rule
    name_refusal(text, what)     — as a key or a name enters (an alias, a city, a 责任单位, an admin's
                                   name): refused, not cleaned, so that what is previewed is what is stored
"""

from __future__ import annotations

import re
import unicodedata

# What XML 1.0 cannot hold: the C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF; lone
# surrogates (which cannot be encoded as UTF-8 either).
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# What is not stored: the same, and DEL, and carriage returns (a line ends with a newline alone).
NOT_STORED = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
LINE_BREAKS = re.compile("[\t\n]")
ANY_CONTROL = re.compile("[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def is_plain(text: str) -> bool:
    """Whether `text` holds none of the characters stored_text removes or replaces (the quick check)."""
    return ANY_CONTROL.search(text) is None


def stored_text(text: str, multiline: bool = False) -> str:
    """`text` as it is stored: control characters removed; a tab becomes a space, and so does a newline
    unless the column holds several lines (`multiline`: a note, a quoted sentence)."""
    if multiline:
        text = text.replace("\t", " ")
    else:
        text = LINE_BREAKS.sub(" ", text)
    return NOT_STORED.sub("", text)


def xml_text(text: str) -> str:
    """`text` without the characters an XML document (a .docx) cannot hold."""
    return NOT_IN_XML.sub("", text)


def name_refusal(text: str, what: str) -> str | None:
    """Why `text` cannot be a key or a name (`what`: "别名", "责任单位" …), a Chinese sentence, or None
    when it can. Refused rather than cleaned: a key names the row that was previewed and that an undo
    finds again, so it must be stored as written. Refused: text holding a character stored_text would
    remove or replace, and text of which nothing shows (spaces and invisible format characters such as
    U+200B only)."""
    if not is_plain(text):
        return f"{what}含有换行、制表符或不可见的控制字符（如 U+FFFF），请删去后重试。"
    if all(c.isspace() or unicodedata.category(c) == "Cf" for c in text):
        return f"{what}为空或只含不可见字符，请重新填写。"
    return None
