"""A law to take away, offline: as a Word file made in the browser (opened by
python-docx and by LibreOffice), and printed on A4 with its title, version,
status and the day on every sheet (sample site: 治安管理处罚法 2012, 已被修改)."""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "site"))
from test_import_docx import convert  # noqa: E402  (LibreOffice, as the .docx import tests run it)

pytestmark = pytest.mark.browser

PAGE = "laws/xing-zheng-fa/zhi-an-guan-li-chu-fa-fa/"
TITLE = "中华人民共和国治安管理处罚法"


def pdf_text(data: bytes) -> list[str]:
    import unicodedata
    from pypdf import PdfReader
    # NFKC, and the radicals some CJK fonts' glyphs map back to (⺠ for 民, ⻚ for 页).
    radicals = str.maketrans({"⺠": "民", "⻚": "页", "⻓": "长", "⻅": "见"})
    return [unicodedata.normalize("NFKC", p.extract_text()).translate(radicals) for p in PdfReader(io.BytesIO(data)).pages]


def test_a_law_downloads_as_a_word_file_that_office_opens(server, new_page, tmp_path):
    import docx
    page = new_page(1280, 900)
    page.goto(server + PAGE)
    articles = page.locator(".pufa-law-body > div[id^=art-]").count()
    assert articles == 119
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 Word 文本").click()
    download = info.value
    assert download.suggested_filename == f"{TITLE}（2012年10月26日）.docx"
    path = tmp_path / "law.docx"
    download.save_as(path)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert paragraphs[0] == TITLE
    note = next(p for p in paragraphs if p.startswith("下载自"))
    assert "2012年10月26日文本" in note and "状态：已被修改" in note and "以公布的法律文本为准" in note
    numbered = [p for p in paragraphs if re.match(r"^第[一二三四五六七八九十百零]+条\u3000", p)]
    assert len(numbered) == articles
    assert numbered[0].startswith("第一条\u3000为维护社会治安秩序") and "第一章 总则" in paragraphs
    # LibreOffice opens it as Word would: its PDF has the text.
    text = "".join(pdf_text(convert(path, "pdf", tmp_path).read_bytes())).replace("\n", "")
    assert TITLE in text and "第一百一十九条" in text


def test_a_printed_law_says_what_it_is_on_every_sheet(server, new_page):
    page = new_page(1280, 900)
    page.goto(server + PAGE)
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    sheets = pdf_text(pdf)
    assert len(sheets) > 5
    from pypdf import PdfReader
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)          # A4
    import datetime as dt
    today = dt.date.today()
    header = f"{TITLE}(2012年10月26日文本) · 已被修改 · 打印于{today.year}年{today.month}月{today.day}日"
    for n, text in enumerate(sheets, 1):
        assert header in text, (n, text[:200])
        assert f"第 {n} 页 / 共 {len(sheets)} 页" in text
    # The screen's controls stay off paper.
    assert "下载 Word 文本" not in "".join(sheets) and "关怀模式" not in "".join(sheets)
    assert "第五条 #" not in "".join(sheets)


def test_inside_wechat_the_button_says_how_to_download(server, browser):
    """WeChat's browser saves no files: the reader is told to open the page in a browser."""
    context = browser.new_context(user_agent="Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) "
                                             "Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.49.2600 NetType/4G",
                                  viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server) else r.abort())
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.goto(server + PAGE)
    page.get_by_role("button", name="下载 Word 文本").click()
    assert "在浏览器打开" in page.locator(".pufa-law-tools__note").inner_text()
    page.wait_for_timeout(300)
    assert downloads == []
    context.close()
