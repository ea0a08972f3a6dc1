"""Reading a law from the national database's Word layout (pufa.laws.docx_law)."""
from __future__ import annotations

import datetime as dt

import pytest

import lawdocx
from pufa.laws import corpus, docx_law


def test_history_toc_chapters_and_items_read_as_the_corpus_writes_them(tmp_path):
    path = lawdocx.write(tmp_path / "a.docx", "示例市文明行为促进条例",
                         ["2019年3月1日示例市第一届人民代表大会常务委员会第九次会议通过",
                          "根据2024年6月1日示例市第二届人民代表大会常务委员会第三次会议《关于修改〈示例市文明行为促进条例〉的决定》修正"],
                         [("第一章 总则", [("第一条", ["为了促进文明行为，制定本条例。"])]),
                          ("第二章 鼓励与倡导", [("第二条", ["倡导下列文明行为：", "（一）礼让行人；", "（二）垃圾分类。"])])])
    law = docx_law.read(path)
    assert law.title == "示例市文明行为促进条例" and law.articles == 2
    assert law.history == ["2019年3月1日 示例市第一届人民代表大会常务委员会第九次会议通过",
                           "2024年6月1日 示例市第二届人民代表大会常务委员会第三次会议《关于修改〈示例市文明行为促进条例〉的决定》修正"]
    doc = corpus.parse(law.markdown(), "a.md")
    assert doc.version == dt.date(2024, 6, 1)
    assert [h.text for h in doc.headings] == ["第一章 总则", "第二章 鼓励与倡导"]      # the 目录 is not read as headings
    second = doc.article(doc.articles[1].key)
    assert second.paragraphs == ["倡导下列文明行为：", "（一）礼让行人；", "（二）垃圾分类。"]


def test_a_presidential_order_ahead_of_the_title_gives_the_date(tmp_path):
    import docx
    d = docx.Document()
    for line in ["中华人民共和国主席令", "第九十九号", "《中华人民共和国示例法》已由中华人民共和国第十四届全国人民代表大会常务委员会"
                 "第二十次会议于2026年4月28日通过，现予公布，自2026年9月1日起施行。", "2026年4月28日",
                 "中华人民共和国示例法", "第一编\u3000总\u3000\u3000则", "第一章\u3000一般规定", "第一条\u3000为了示例，制定本法。"]:
        d.add_paragraph(line)
    d.save(str(tmp_path / "b.docx"))
    law = docx_law.read(tmp_path / "b.docx")
    assert law.title == "中华人民共和国示例法"
    assert law.history == ["2026年4月28日公布"]
    # A code with 编 has its 章 one level down.
    assert law.lines[:2] == ["## 第一编 总则", "### 第一章 一般规定"]


@pytest.mark.parametrize("content, message", [
    (b"not a zip", "不是能打开的 Word 文件"),
])
def test_a_broken_file_is_refused_in_chinese(tmp_path, content, message):
    path = tmp_path / "坏.docx"
    path.write_bytes(content)
    with pytest.raises(docx_law.DocxLawError, match=message):
        docx_law.read(path)
