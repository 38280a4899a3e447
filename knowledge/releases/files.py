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
# Tables inside tables (and text boxes) are read this deep; a release's layout nests two or three
MAX_DOCX_DEPTH = 5
# begins the line that says what of a file was not read; the reader lists it as unplaced (reading.py)
SKIPPED_MARK = "【未读取】"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


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

    try:
        document = docx.Document(io.BytesIO(content))
        lines = _DocxLines()
        lines.lines += _page_margin_lines(document, "header")
        lines.blocks(document, 0)
        lines.lines += [""] + _page_margin_lines(document, "footer")  # a table above it ends
    except Exception as error:  # python-docx and zipfile raise many kinds of errors on a damaged file
        raise ReleaseError("这不是有效的 Word（.docx）文件。") from error
    if lines.skipped:  # said where the preview lists what it did not read, never dropped silently
        lines.lines += ["", f"{SKIPPED_MARK}Word 文件中嵌套超过{MAX_DOCX_DEPTH}层的表格或文本框（{lines.skipped}处）"]
    return "\n".join(lines.lines)


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


class _DocxLines:
    """The lines of a .docx in document order: a paragraph's text, then its text boxes' paragraphs; a
    table's rows as table lines (_table_lines), a table nested in a cell (a layout table holding a data
    table) after its row. Nesting deeper than MAX_DOCX_DEPTH is counted in `skipped`, not read."""

    def __init__(self):
        self.lines: list[str] = []
        self.skipped = 0

    def blocks(self, container, depth: int) -> None:
        """The paragraphs and tables of a document, a cell or a text box (anything with iter_inner_content)."""
        from docx.table import Table

        for block in container.iter_inner_content():
            if isinstance(block, Table):
                self.table(block, depth + 1)
            else:
                self.lines.append(block.text)
                self.text_boxes(block, depth + 1)

    def table(self, table, depth: int) -> None:
        if depth > MAX_DOCX_DEPTH:
            self.skipped += 1
            return
        _table_lines(table, self, depth)
        self.lines.append("")  # the table ends: prose after it is not one of its rows

    def text_boxes(self, paragraph, depth: int) -> None:
        """The text boxes anchored in `paragraph` (w:txbxContent), each once: Word writes a VML copy of
        each in mc:Fallback, which is skipped, as is a box inside a box (read from its own box)."""
        from docx.oxml.ns import qn

        boxes = [box for box in paragraph._p.iter(qn("w:txbxContent")) if _own_box(box, paragraph._p)]
        if boxes and depth > MAX_DOCX_DEPTH:
            self.skipped += len(boxes)
            return
        for box in boxes:
            self.blocks(_Box(box, paragraph), depth)


def _own_box(box, paragraph) -> bool:
    """Whether a text box found in `paragraph` is its own: not Word's VML copy, not a box in a box."""
    from docx.oxml.ns import qn

    for ancestor in box.iterancestors():
        if ancestor is paragraph:
            return True
        if ancestor.tag in (_FALLBACK, qn("w:txbxContent")):
            return False
    return True


class _Box:
    """A text box's content as a container of paragraphs and tables (python-docx has no class for it)."""

    def __init__(self, element, parent):
        self.element, self.parent = element, parent

    def iter_inner_content(self):
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        for child in self.element:
            if child.tag == qn("w:p"):
                yield Paragraph(child, self.parent)
            elif child.tag == qn("w:tbl"):
                yield Table(child, self.parent)


def _table_lines(table, reader: _DocxLines, depth: int) -> None:
    """Each row of a Word table as a table line of `reader`. A cell merged across columns is repeated in
    each (so a stacked header heads every column under it); a row of one text is a title above the table,
    or a section inside it (written with a tab, so that the table goes on). A row whose cells hold tables
    (a layout table) is each cell's text and tables in turn, read as a document's at `depth`."""
    lines, inside = reader.lines, False
    for row in table.rows:
        if any(cell.tables for cell in row.cells):
            seen = set()
            for cell in row.cells:
                if id(cell._tc) not in seen:  # a merged cell appears once per column it spans
                    seen.add(id(cell._tc))
                    reader.blocks(cell, depth)
            lines.append("")
            inside = False
            continue
        texts = [re.sub(r"[\t|｜]", " ", "".join(p.text for p in cell.paragraphs)).strip() for cell in row.cells]
        filled = [t for t in dict.fromkeys(texts) if t]
        if len(filled) <= 1:
            lines.append((filled[0] if filled else "") + ("\t" if inside else ""))
        else:
            lines.append("\t".join(texts))
            inside = True
