#!/usr/bin/env python3
"""Write the sample guides' forms (content/guides/forms/): Word, Excel and PDF.

Run by hand when the sample forms change; the files are committed. Word and
Excel files are minimal Office Open XML written with zipfile (no extra
packages); PDFs are printed from the same text by Debian's Chromium.

    .venv/bin/python scripts/make_sample_forms.py
"""
from __future__ import annotations

import html
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).resolve().parent.parent / "content" / "guides" / "forms"
NOTE = "（示例表格：单位名称、地址均为虚构，仅供演示）"

FORMS = {
    "fa-lv-yuan-zhu-shen-qing-biao": ("法律援助申请表", [
        "申请人姓名：__________  性别：____  出生日期：__________",
        "公民身份号码：______________________  联系电话：______________",
        "住所地（经常居住地）：__________________________________",
        "申请事项：□ 请求支付劳动报酬  □ 请求给付赡养费、抚养费、扶养费  □ 其他：________",
        "案情及申请理由：",
        "____________________________________________________________",
        "经济困难状况：□ 个人诚信承诺  □ 其他证明材料：______________",
        "申请人（签名）：__________    日期：______年____月____日",
        "受理机构：云溪区法律援助中心（示例）",
    ]),
    "ren-min-tiao-jie-shen-qing-shu": ("人民调解申请书", [
        "申请人：__________  性别：____  年龄：____  联系电话：______________",
        "住址：________________________________________________",
        "被申请人：__________  性别：____  年龄：____  联系电话：______________",
        "住址：________________________________________________",
        "纠纷简要情况：",
        "____________________________________________________________",
        "申请事项：请求人民调解委员会依法调解上述纠纷。",
        "此致  ____________人民调解委员会",
        "申请人（签名）：__________    日期：______年____月____日",
    ]),
    "xing-zheng-fu-yi-shen-qing-shu": ("行政复议申请书", [
        "申请人：__________  性别：____  出生日期：__________  联系电话：______________",
        "住所：________________________________________________",
        "被申请人：________________________________________________",
        "行政复议请求：________________________________________________",
        "事实和理由：",
        "____________________________________________________________",
        "此致  云溪区人民政府（示例）",
        "附：1. 行政行为相关材料  2. 身份证明复印件",
        "申请人（签名）：__________    日期：______年____月____日",
    ]),
}
SHEET = ("tiao-jie-jiu-fen-deng-ji-biao", "人民调解纠纷登记表",
         ["编号", "登记日期", "申请人", "被申请人", "纠纷类型", "简要情况", "受理调委会", "调解结果"])


def docx(path: Path, title: str, lines: list[str]) -> None:
    paras = [f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="36"/></w:rPr>'
             f'<w:t>{escape(title)}</w:t></w:r></w:p>',
             f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:t>{escape(NOTE)}</w:t></w:r></w:p>']
    paras += [f'<w:p><w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">{escape(x)}</w:t></w:r></w:p>'
              for x in lines]
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                + "".join(paras) + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": document,
    }
    _zip(path, parts)


def xlsx(path: Path, title: str, columns: list[str]) -> None:
    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
    letters = "ABCDEFGHIJ"
    rows = [f'<row r="1">{cell("A1", title + NOTE)}</row>',
            '<row r="2">' + "".join(cell(f"{letters[i]}2", c) for i, c in enumerate(columns)) + "</row>"]
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + "".join(rows) + "</sheetData></worksheet>")
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="登记表" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    _zip(path, parts)


def _zip(path: Path, parts: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text)


def pdf(path: Path, title: str, lines: list[str]) -> None:
    body = "".join(f"<p>{html.escape(x)}</p>" for x in lines)
    page = (f'<!doctype html><meta charset="utf-8"><style>@page{{size:A4;margin:20mm}}'
            f'body{{font-family:"Noto Sans CJK SC",sans-serif;font-size:12pt;line-height:2}}'
            f'h1{{text-align:center;font-size:20pt;margin:0}}.n{{text-align:center;font-size:9pt}}</style>'
            f'<h1>{html.escape(title)}</h1><p class="n">{html.escape(NOTE)}</p>{body}')
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "form.html"
        src.write_text(page, encoding="utf-8")
        subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={path}", src.as_uri()], check=True, capture_output=True)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for stem, (title, lines) in FORMS.items():
        docx(OUT / f"{stem}.docx", title, lines)
        pdf(OUT / f"{stem}.pdf", title, lines)
    xlsx(OUT / f"{SHEET[0]}.xlsx", SHEET[1], SHEET[2])
    for p in sorted(OUT.iterdir()):
        print(f"{p.stat().st_size:8d}  {p.relative_to(OUT.parent.parent.parent)}")


if __name__ == "__main__":
    main()
