"""`pufa import-docx`: a Word document staff wrote becomes a page that builds.

The documents are made here: with python-docx (as Word would save them) and
one saved by LibreOffice from a flat ODT the test writes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import pufa

LIMIT = 500 * 1024
PAGE = Path("content/lessons/li-hun-leng-jing-qi-shi-wen.md")


def photo(size=(3000, 2000), seed=1, fmt="JPEG") -> bytes:
    """A camera-like picture: a gradient with grain (megabytes as JPEG)."""
    from PIL import Image

    base = Image.linear_gradient("L").resize(size).convert("RGB")
    noise = Image.effect_noise(size, 64).convert("RGB")
    img = Image.blend(base, noise, 0.5)
    out = io.BytesIO()
    img.save(out, fmt, quality=95) if fmt == "JPEG" else img.resize((800, 600)).save(out, fmt)
    return out.getvalue()


def drawing() -> bytes:
    """A small PNG diagram (already under the limit: copied as it is)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (800, 500), "white")
    d = ImageDraw.Draw(img)
    for i in range(4):
        d.rectangle((40 + i * 190, 200, 190 + i * 190, 300), outline="black", width=4)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


FOOTNOTES = (
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
    '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
    '<w:r><w:t xml:space="preserve"> 民法典自2021年1月1日起施行。</w:t></w:r></w:p></w:footnote>'
    '</w:footnotes>')


def add_footnote(document, paragraph) -> None:
    """python-docx writes no footnotes: the part and the reference, as Word writes them."""
    from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, FOOTNOTES.encode(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    paragraph._p.append(parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'))


def make_docx(path: Path, *, captions: bool = True) -> Path:
    """The document a staff member writes in Word."""
    from docx import Document
    from docx.shared import Cm

    d = Document()
    d.core_properties.created = dt.datetime(2025, 3, 1, 9, 0)
    d.core_properties.modified = dt.datetime(2025, 3, 7, 23, 30)     # 3月8日 in Beijing
    d.add_heading("离婚冷静期十问", level=0)
    p = d.add_paragraph("\u3000\u3000离婚冷静期是民法典规定的制度：协议离婚要先等三十天，")
    p.add_run("冷静期内可以撤回").bold = True
    p.add_run("。很多人还不了解，这里一一说明。")
    d.add_heading("一、什么是离婚冷静期", level=1)
    p = d.add_paragraph("\u3000\u3000根据《中华人民共和国民法典》第一千零七十七条，三十日内任何一方都可以撤回申请。")
    add_footnote(d, p)
    p = d.add_paragraph("\u3000\u3000冷静期只适用于")
    p.add_run("协议离婚").italic = True
    p.add_run("。")
    p.add_run().add_break()
    p.add_run("\u3000\u3000到法院起诉离婚的，不经过冷静期。")
    d.add_heading("（一）办理步骤", level=2)
    for text in ("双方到婚姻登记机关提出申请", "等待三十日冷静期", "三十日内共同去领离婚证"):
        d.add_paragraph(text, style="List Number")
    d.add_heading("二、要带哪些材料", level=1)
    for text in ("身份证", "户口簿", "结婚证"):
        d.add_paragraph(text, style="List Bullet")
    d.add_paragraph("结婚证丢了的，先去补领", style="List Bullet 2")
    d.add_paragraph("* 星号和 [方括号] 照原样显示，1. 也不是列表")
    table = d.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    for r, row in enumerate([("环节", "时限"), ("申请|受理", "当场"), ("冷静期", "30 日")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_picture(io.BytesIO(photo()), width=Cm(14))
    if captions:
        d.add_paragraph("图1 人民调解现场", style="Caption")
        d.add_paragraph("图2 婚姻登记处")      # typed by hand, above its picture
    d.add_picture(io.BytesIO(drawing()), width=Cm(12))
    d.add_heading("三、还有问题怎么办", level=1)
    d.add_paragraph("拨打 12348 公共法律服务热线咨询。")
    d.save(path)
    return path


@pytest.fixture
def site(base_site, tmp_path):
    """A copy of the small site with the fixture law library (民法典 is there)."""
    dest = tmp_path / "site"
    shutil.copytree(base_site, dest, ignore=shutil.ignore_patterns("site", ".pufa-*"))
    return dest


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def built(site: Path, page: Path) -> str:
    html = site / "site" / page.parent.relative_to("content") / page.stem / "index.html"
    return html.read_text(encoding="utf-8")


def test_word_document_becomes_a_page_that_builds(site, tmp_path):
    source = make_docx(tmp_path / "离婚冷静期十问.docx")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    started = time.perf_counter()
    proc = pufa("import-docx", str(source), "--type", "普法课堂", "--site", str(site))
    seconds = time.perf_counter() - started
    assert proc.returncode == 0, proc.stderr
    print(f"import-docx took {seconds:.2f} s\n{proc.stdout}")
    assert f"已导入：{PAGE.as_posix()}" in proc.stdout.replace(os.sep, "/")
    # What staff must still complete is named with its line: only the law citations field.
    assert re.search(r"li-hun-leng-jing-qi-shi-wen\.md:\d+  法条（laws）", proc.stdout)
    assert "图片说明" not in proc.stdout

    page = site / PAGE
    text = page.read_text(encoding="utf-8")
    meta = front_matter(text)
    assert meta["title"] == "离婚冷静期十问"
    assert str(meta["date"]) == "2025-03-08"
    assert meta["summary"].startswith("离婚冷静期是民法典规定的制度") and len(meta["summary"]) <= 120
    assert meta["audience"] == ["社会公众"]
    body = text.split("---\n", 2)[2]
    assert not re.search(r"^# ", body, re.M) and "离婚冷静期十问" not in body     # the title is not repeated
    assert "\u3000" not in body
    assert "## 一、什么是离婚冷静期" in body and "### （一）办理步骤" in body
    assert "1. 双方到婚姻登记机关提出申请\n2. 等待三十日冷静期\n3. 三十日内共同去领离婚证" in body
    assert "- 结婚证\n    - 结婚证丢了的，先去补领" in body
    assert "| 申请\\|受理 | 当场 |" in body
    assert "[^1]" in body and "[^1]: 民法典自2021年1月1日起施行。" in body

    images = sorted((site / "content" / "lessons" / "li-hun-leng-jing-qi-shi-wen").iterdir())
    names = [p.name for p in images]
    assert names == ["hun-yin-deng-ji-chu.png", "ren-min-tiao-jie-xian-chang.jpg"]
    assert all(p.stat().st_size <= LIMIT for p in images)
    assert "![人民调解现场](li-hun-leng-jing-qi-shi-wen/ren-min-tiao-jie-xian-chang.jpg)" in body
    assert "![婚姻登记处](li-hun-leng-jing-qi-shi-wen/hun-yin-deng-ji-chu.png)" in body
    print("images:", {p.name: p.stat().st_size for p in images})

    # Unfilled, the placeholder stops the build on its line, as for pufa new.
    proc = pufa("check", "--site", str(site))
    assert proc.returncode == 1 and "li-hun-leng-jing-qi-shi-wen.md" in proc.stdout
    page.write_text(text.replace("第xx条", "第一千零七十七条"), encoding="utf-8")
    proc = pufa("build", "--site", str(site))
    assert proc.returncode == 0, proc.stderr
    assert "共 0 个错误" in proc.stdout
    assert "body." not in pufa("check", "--site", str(site), "--format", "json").stdout   # nothing Word-shaped left
    html = built(site, PAGE)
    assert html.count("<h1") == 1
    assert re.search(r"<ol>\s*<li>双方到婚姻登记机关提出申请</li>\s*<li>等待三十日冷静期</li>", html)
    assert re.search(r"<li>结婚证<ul>\s*<li>结婚证丢了的，先去补领</li>", html)
    assert re.search(r"<td>申请\|受理</td>\s*<td>当场</td>", html)
    assert '<img alt="人民调解现场" src="ren-min-tiao-jie-xian-chang.jpg"' in html
    assert '<img alt="婚姻登记处" src="hun-yin-deng-ji-chu.png"' in html
    assert re.search(r'<a class="pufa-cite" href="[^"]*#art-1077">《中华人民共和国民法典》第一千零七十七条</a>', html)
    assert "<strong>冷静期内可以撤回</strong>" in html and "<em>协议离婚</em>" in html
    assert "<p>到法院起诉离婚的，不经过冷静期。</p>" in html        # Shift+Enter: a line of its own
    assert "<p>* 星号和 [方括号] 照原样显示，1. 也不是列表</p>" in html
    assert 'class="footnote"' in html and "民法典自2021年1月1日起施行。" in html
    assert hashlib.sha256(source.read_bytes()).hexdigest() == digest      # the .docx is only read
    for image in images:
        assert (site / "site" / "lessons" / "li-hun-leng-jing-qi-shi-wen" / image.name).is_file()


def test_picture_without_caption_gets_an_alt_that_check_asks_for(site, tmp_path):
    source = make_docx(tmp_path / "稿件.docx", captions=False)
    proc = pufa("import-docx", str(source), "--type", "lesson", "--site", str(site))
    assert proc.returncode == 0, proc.stderr
    assert "图片说明" in proc.stdout
    names = sorted(p.name for p in (site / "content" / "lessons" / "li-hun-leng-jing-qi-shi-wen").iterdir())
    assert names == ["tu-1.jpg", "tu-2.png"]
    page = site / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("第xx条", "第一千零七十七条"), encoding="utf-8")
    proc = pufa("check", "--site", str(site))
    assert proc.returncode == 1
    assert re.search(r"li-hun-leng-jing-qi-shi-wen\.md:\d+:\d+\s+「待补充」", proc.stdout)


def test_never_overwrites(site, tmp_path):
    source = make_docx(tmp_path / "离婚冷静期十问.docx")
    pufa("import-docx", str(source), "--type", "lesson", "--site", str(site), check=True)
    page = site / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\n已经改过的内容\n", encoding="utf-8")
    before = page.read_text(encoding="utf-8")
    proc = pufa("import-docx", str(source), "--type", "lesson", "--site", str(site))
    assert proc.returncode == 1
    assert "没有覆盖" in proc.stderr and "li-hun-leng-jing-qi-shi-wen.md" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert page.read_text(encoding="utf-8") == before
    assert source.is_file()


def _docx_bytes(tmp_path) -> bytes:
    return make_docx(tmp_path / "x.docx").read_bytes()


@pytest.mark.parametrize("name, content", [
    ("通知.doc", lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000),
    ("通知.wps", lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000),
    ("改了名字.docx", lambda tmp: "这是一个文本文件，扩展名被改成了 docx".encode("utf-8")),
    ("没下载完.docx", lambda tmp: _docx_bytes(tmp)[:5000]),
    ("加了密码.docx", lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500
     + "EncryptionInfo".encode("utf-16-le") + b"\0" * 500),
])
def test_what_is_not_a_docx_is_explained(site, tmp_path, name, content):
    source = tmp_path / name
    source.write_bytes(content(tmp_path))
    before = sorted(p.name for p in (site / "content" / "lessons").iterdir())
    proc = pufa("import-docx", str(source), "--type", "lesson", "--site", str(site))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and proc.stderr.startswith("错误：")
    assert name in proc.stderr
    if "密码" in name:
        assert "密码" in proc.stderr
    else:
        assert "「另存为」" in proc.stderr and "Word 文档 (*.docx)" in proc.stderr
    assert sorted(p.name for p in (site / "content" / "lessons").iterdir()) == before
    assert source.is_file()


def test_type_is_asked_for_and_checked(site, tmp_path):
    source = make_docx(tmp_path / "a.docx")
    proc = pufa("import-docx", str(source), "--site", str(site))
    assert proc.returncode == 1 and "--type" in proc.stderr and "lesson（普法课堂）" in proc.stderr
    proc = pufa("import-docx", str(source), "--type", "文章", "--site", str(site))
    assert proc.returncode == 1 and "没有「文章」这种内容类型" in proc.stderr
    proc = pufa("import-docx", str(source), "--type", "办事指南", "--site", str(site))
    assert proc.returncode == 0, proc.stderr
    meta = front_matter((site / "content" / "guides" / "li-hun-leng-jing-qi-shi-wen.md").read_text(encoding="utf-8"))
    assert meta["title"] == "离婚冷静期十问" and meta["service"] == "其他"
    assert "设定依据（basis）" in proc.stdout and "办理地点（location）" in proc.stdout


# -- a document saved by LibreOffice ------------------------------------------

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
  <text:list-style style:name="Num"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/></text:list-style>
  <text:list-style style:name="Bul"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
   <text:list-level-style-bullet text:level="2" text:bullet-char="◦"/></text:list-style>
 </office:automatic-styles>
 <office:body><office:text>
  <text:p text:style-name="Title">人民调解怎么申请</text:p>
  <text:p>人民调解不收费，调解达成的协议具有法律约束力。<text:span text:style-name="B">双方自愿</text:span>是前提。</text:p>
  <text:h text:outline-level="1">一、法律依据</text:h>
  <text:p>《中华人民共和国民法典》第一千零七十七条规定了离婚冷静期。<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>示例脚注：以条文原文为准。</text:p></text:note-body></text:note></text:p>
  <text:h text:outline-level="1">二、申请步骤</text:h>
  <text:list text:style-name="Num">
   <text:list-item><text:p>到村（居）人民调解委员会</text:p></text:list-item>
   <text:list-item><text:p>说明纠纷情况</text:p></text:list-item>
  </text:list>
  <text:h text:outline-level="2">（一）带什么</text:h>
  <text:list text:style-name="Bul">
   <text:list-item><text:p>身份证</text:p>
    <text:list><text:list-item><text:p>复印件也可以</text:p></text:list-item></text:list></text:list-item>
   <text:list-item><text:p>相关证据</text:p></text:list-item>
  </text:list>
  <table:table table:name="T"><table:table-column table:number-columns-repeated="2"/>
   <table:table-row><table:table-cell><text:p>事项</text:p></table:table-cell><table:table-cell><text:p>地点</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>调解|咨询</text:p></table:table-cell><table:table-cell><text:p>司法所</text:p></table:table-cell></table:table-row>
  </table:table>
  <text:p><draw:frame draw:name="p1" svg:width="8cm" svg:height="6cm" text:anchor-type="as-char"><draw:image><office:binary-data>{image}</office:binary-data></draw:image></draw:frame></text:p>
  <text:p text:style-name="Caption">图1 调解室</text:p>
 </office:text></office:body>
</office:document>
"""


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("缺少 LibreOffice（soffice）：请用 make test 运行（会自动安装 Debian 的 libreoffice-writer-nogui）")
    return exe


def convert(source: Path, fmt: str, tmp_path: Path) -> Path:
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    out = source.with_suffix("." + fmt.split(":")[0])
    assert out.is_file(), f"LibreOffice did not write {out}"
    return out


def test_document_saved_by_libreoffice(site, tmp_path):
    import base64

    fodt = tmp_path / "人民调解怎么申请.fodt"
    fodt.write_text(FODT.format(image=base64.b64encode(photo(size=(2400, 1600), fmt="PNG")).decode()),
                    encoding="utf-8")
    source = convert(fodt, "docx", tmp_path)
    with zipfile.ZipFile(source) as z:
        assert "word/numbering.xml" in z.namelist()     # LibreOffice's own lists, not python-docx's
    proc = pufa("import-docx", str(source), "--type", "guide", "--site", str(site))
    assert proc.returncode == 0, proc.stderr
    page = site / "content" / "guides" / "ren-min-tiao-jie-zen-me-shen-qing.md"
    text = page.read_text(encoding="utf-8")
    meta = front_matter(text)
    assert meta["title"] == "人民调解怎么申请"
    assert meta["summary"] == "人民调解不收费，调解达成的协议具有法律约束力。双方自愿是前提。"
    body = text.split("---\n", 2)[2]
    assert "## 一、法律依据" in body and "### （一）带什么" in body
    assert "1. 到村（居）人民调解委员会\n2. 说明纠纷情况" in body
    assert "- 身份证\n    - 复印件也可以\n- 相关证据" in body
    assert "| 调解\\|咨询 | 司法所 |" in body
    assert "![调解室](ren-min-tiao-jie-zen-me-shen-qing/tiao-jie-shi.png)" in body
    assert "[^1]: 示例脚注：以条文原文为准。" in body
    # Staff fill in what the document could not say; then it builds with its citation linked.
    filled = text.replace("待补充", "见正文")
    filled = re.sub(r"(basis:[^\n]*\n  - )见正文", r"\1《中华人民共和国民法典》第一千零七十七条", filled)
    page.write_text(filled, encoding="utf-8")
    proc = pufa("build", "--site", str(site))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = built(site, page.relative_to(site))
    assert re.search(r'<a class="pufa-cite" href="[^"]*#art-1077">《中华人民共和国民法典》第一千零七十七条</a>', html)
    assert "<td>调解|咨询</td>" in html and "<strong>双方自愿</strong>" in html


def test_a_real_doc_saved_by_libreoffice_is_explained(site, tmp_path):
    source = tmp_path / "旧稿.fodt"
    source.write_text(FODT.format(image=base64_png()), encoding="utf-8")
    doc = convert(source, "doc", tmp_path)
    proc = pufa("import-docx", str(doc), "--type", "lesson", "--site", str(site))
    assert proc.returncode == 1
    assert "旧版 Word 文档（.doc）" in proc.stderr and "「另存为」" in proc.stderr


def base64_png() -> str:
    import base64

    return base64.b64encode(drawing()).decode()
