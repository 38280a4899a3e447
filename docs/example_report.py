"""Writes docs/report-example.docx and, where LibreOffice and pdftoppm are installed, its two pages as
docs/report-example-1.png and -2.png (the picture in the README).

The figures below are MADE UP to show the layout: no 2026 actual exists yet, and the bot never shows
these. The document says so under its title, and their source is called 示例（虚构数据）.

LibreOffice here has none of the fonts the document names (宋体, 仿宋, 黑体, Times New Roman): the picture
shows its fallbacks (Noto Sans CJK, DejaVu Serif). Word and WPS on an office PC use the named fonts.

    apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-noto-cjk
    .venv/bin/python docs/example_report.py
"""

import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from knowledge.answers import Answerer
from knowledge.reports import build_report, render_docx
from knowledge.store import open_store

EARLIER = [  # the previous report's figures — invented
    ("industrial_investment", 1740, "亿元", "2026年1-9月"),
    ("new_high_tech_enterprises", 380, "家", "2026年1-9月"),
]
EXAMPLE = [  # indicator, value, unit, period — invented for the picture
    ("gross_industrial_output", 4.0, "万亿元", "2026年1-10月"),
    ("industrial_investment", 1980, "亿元", "2026年1-10月"),
    ("capacity_expansion_projects", 600, "个", "2026年1-10月"),
    ("major_industrial_projects", 1800, "个", "2026年1-10月"),
    ("little_giant_firms", 186, "家", "2026年1-10月"),
    ("new_high_tech_enterprises", 420, "家", "2026年1-10月"),
    ("high_tech_output_share", 56.0, "%", "2026年1-10月"),
]
HERE = Path(__file__).resolve().parent


def _record(store, source_id, rows) -> None:
    for indicator, value, unit, period in rows:
        store.record_observation(
            {"indicator_id": indicator, "city": "苏州", "period": period, "year": int(period[:4]), "value": value,
             "unit": unit, "qualifier": "", "text": "", "status": "actual", "source_id": source_id,
             "note": "", "quote": ""}, recorded_by="示例")


def main() -> None:
    store = open_store(":memory:")
    with store.transaction():
        source_id = store.ensure_source("示例（虚构数据）")
    clock = {"now": datetime(2026, 10, 28, 9, tzinfo=ZoneInfo("Asia/Shanghai"))}
    answerer = Answerer(store, clock=lambda: clock["now"])
    _record(store, source_id, EARLIER)
    answerer.reload()
    previous = build_report(answerer).standings
    _record(store, source_id, EXAMPLE)
    clock["now"] = datetime(2026, 11, 27, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    answerer.reload()
    report = build_report(answerer, previous)
    docx = HERE / "report-example.docx"
    docx.write_bytes(render_docx(report, note="【示例：表中实际数均为虚构，仅演示版式】"))
    print(f"→ {docx}")
    office, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not (office and pdftoppm):
        print("（未安装 LibreOffice 或 pdftoppm，未生成图片）")
        return
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", folder, str(docx)],
                       check=True, capture_output=True, timeout=180)
        pdf = Path(folder) / "report-example.pdf"
        subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "2", str(pdf), str(HERE / "report-example")],
                       check=True, timeout=60)
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    print(f"→ {HERE / 'report-example-1.png'}, {HERE / 'report-example-2.png'}")
    print("字体（LibreOffice 的替代字体）：\n" + fonts)


if __name__ == "__main__":
    main()
