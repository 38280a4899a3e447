"""A release sent as a file, to its text: a .txt in any of the encodings offices save in, or a .docx whose
paragraphs and tables keep their order, each table row written as a table line (cells joined by tabs, as
Word and Excel copy a table) that the table reader reads as it reads a pasted table. A .docx's page
header comes first and its footer last: offices put the date and the signature there.
"""

from __future__ import annotations

import io
import re
import zipfile

from knowledge.releases.results import ReleaseError

# A release is at most 100,000 characters; its .docx XML, with every run's formatting, stays far below this.
# Checked on the archive's declared sizes before python-docx inflates anything (a zip bomb).
MAX_DOCX_UNZIPPED_BYTES = 50 * 1024 * 1024
# a page number in a header or footer (“- 1 -”, “第1页 共3页”, “2/3”) says nothing of the release
_PAGE_NUMBER = re.compile(r"[-—\s]*(?:第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+(?:\s*/\s*\d+)?|[Pp]age\s*\d+(?:\s*of\s*\d+)?)[-—\s]*")


def read_release_file(name: str, content: bytes) -> str:
    """The text of a release sent as a file: .txt (UTF-8, UTF-16 with BOM, or GB18030) or .docx
    (python-docx: the page headers' paragraphs, then paragraphs and tables in document order, a table row
    as "cell\tcell\t…", then the page footers' paragraphs; a header or footer repeated by several
    sections is read once).
    Raises ReleaseError (one Chinese line) for another kind of file, a damaged or undecodable one, or a
    .docx that would inflate beyond MAX_DOCX_UNZIPPED_BYTES."""
    lower = name.lower()
    if lower.endswith(".txt"):
        return _text(content)
    if lower.endswith(".docx"):
        return _docx_text(content)
    raise ReleaseError("只能读取 .txt 或 .docx 格式的通报。")


def _text(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ReleaseError("这个 UTF-16 文本文件已损坏（有无法解码的字节），请重新另存为 UTF-8 后再发送。") from error
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReleaseError("无法识别文本文件的编码，请另存为 UTF-8。")


def _docx_text(content: bytes) -> str:
    from knowledge.tables.reading import inflates_beyond, zip_members

    try:
        members = zip_members(content)
    except zipfile.BadZipFile as error:
        raise ReleaseError("这不是有效的 Word（.docx）文件。") from error
    if inflates_beyond(members, MAX_DOCX_UNZIPPED_BYTES):
        raise ReleaseError(f"这个 Word 文件解压后超过 {MAX_DOCX_UNZIPPED_BYTES // 1024 // 1024} MB，"
                           "不像一份通报，拒绝读取。")
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(content))
        lines: list[str] = _page_margin_lines(document, "header")
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
                lines.append("")  # the table ends: prose after it is not one of its rows
            else:
                lines.append(block.text)
        lines += [""] + _page_margin_lines(document, "footer")  # a table above it ends
    except Exception as error:  # python-docx and zipfile raise many kinds of errors on a damaged file
        raise ReleaseError("这不是有效的 Word（.docx）文件。") from error
    return "\n".join(lines)


def _page_margin_lines(document, kind: str) -> list[str]:
    """The lines of every section's page `kind` ("header" or "footer"), its first-page and even-page
    variants included, each text once: a section linked to the one before repeats it, and read again
    it would be a second signature."""
    lines: list[str] = []
    for section in document.sections:
        for margin in (getattr(section, kind), getattr(section, f"first_page_{kind}"), getattr(section, f"even_page_{kind}")):
            if margin.is_linked_to_previous:  # no text of its own (python-docx would add an empty one)
                continue
            for paragraph in margin.paragraphs:
                text = paragraph.text.strip()
                if text and text not in lines and not _PAGE_NUMBER.fullmatch(text):
                    lines.append(text)
    return lines


def _table_lines(table) -> list[str]:
    """Each row of a Word table as a table line. A cell merged across columns is repeated in each (so a
    stacked header heads every column under it); a row of one text is a title above the table, or a
    section inside it (written with a tab, so that the table goes on)."""
    lines, inside = [], False
    for row in table.rows:
        texts = [re.sub(r"[\t|｜]", " ", "".join(p.text for p in cell.paragraphs)).strip() for cell in row.cells]
        filled = [t for t in dict.fromkeys(texts) if t]
        if len(filled) <= 1:
            lines.append((filled[0] if filled else "") + ("\t" if inside else ""))
        else:
            lines.append("\t".join(texts))
            inside = True
    return lines
