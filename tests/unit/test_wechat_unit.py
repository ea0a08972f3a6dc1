"""The 公众号 transformer: inline styles only, nothing the editor drops, text escaped."""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import markdown
import pytest

from pufa import qr
from pufa.wechat import inline as W
from pufa.wechat.page import Notes, _quoted, number_mark

EXTENSIONS = ["toc", "tables", "fenced_code", "abbr", "admonition", "attr_list", "def_list", "footnotes",
              "md_in_html", "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist"]
ALLOWED_ATTRS = {"style", "src", "alt", "colspan", "rowspan", "start"}
FORBIDDEN_TAGS = {"style", "script", "link", "iframe", "object", "embed", "form", "input", "button", "svg", "a",
                  "div", "details", "summary", "dl", "dt", "dd", "figure", "figcaption", "abbr"}


def md(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS,
                             extension_configs={"toc": {"permalink": True, "permalink_title": "本段链接"}}).convert(text)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.styles, self.text = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.add(name)
            if name == "style":
                self.styles.append(value)

    def handle_data(self, data):
        self.text.append(data)


def parsed(html: str) -> Tags:
    t = Tags()
    t.feed(html)
    t.close()
    return t


def assert_editor_safe(html: str) -> Tags:
    t = parsed(html)
    assert not set(t.tags) & FORBIDDEN_TAGS, set(t.tags) & FORBIDDEN_TAGS
    assert t.attrs <= ALLOWED_ATTRS, t.attrs - ALLOWED_ATTRS
    for style in t.styles:
        assert not re.search(r"\b(position|float|font-family)\s*:|url\(|@import", style), style
    return t


SAMPLE = """# 标题

## 二级 {#x .c style="position:absolute;float:left"}

正文[^1]，*斜体*、**粗体**，[外链](https://example.com/x)和[站内](../guides/a.md)。

- [x] 做完
- [ ] 没做

1. 第一
2. 第二

??? note "展开看"
    折叠的内容

!!! warning "注意"
    小心

> 引用一段

术语
:   解释

| 甲 | 乙 |
| --- | --- |
| 1 | 2 |

```
code <b>
```

行内 `code`。

[^1]: 注释一。
"""


def test_markdown_features_come_out_with_inline_styles_only():
    out = W.inline(md(SAMPLE))
    t = assert_editor_safe(out)
    for tag in ("h1", "h2", "p", "ul", "ol", "li", "table", "th", "td", "blockquote", "pre", "section", "sup"):
        assert tag in t.tags, tag
    text = "".join(t.text)
    for words in ("标题", "二级", "斜体", "粗体", "外链", "站内", "做完", "展开看", "折叠的内容", "注意", "小心",
                  "引用一段", "术语", "解释", "code <b>", "注释一。"):
        assert words in text, words
    assert "¶" not in text and "↩" not in text          # the permalinks and footnote back-links
    assert "☑" in text and "☐" in text
    assert "[1]" in text                                  # the footnote's number, bracketed
    assert "https://" not in out


def test_what_the_editor_drops_is_dropped_with_its_content():
    html = ('<p>前<script>alert(1)</script><style>p{}</style><iframe src="https://x">框</iframe>'
            '<svg><text>矢量</text></svg><button>按钮</button>后</p><form><input type="text"><label>字</label></form>')
    out = W.inline(html)
    assert_editor_safe(out)
    text = "".join(parsed(out).text)
    assert text == "前后字"


def test_text_and_attributes_are_escaped_again():
    out = W.inline('<p title="x" onclick="evil()">&lt;script&gt;"&amp;&lt;&gt;</p>'
                   '<img src="a.png&quot; onerror=&quot;x" alt="&quot;&lt;b&gt;">',
                   image=lambda src, alt: src)
    assert "<script" not in out and "onclick" not in out and "title=" not in out
    assert "&lt;script&gt;" in out and "&amp;&lt;&gt;" in out
    assert 'onerror="x"' not in out and "&quot;" in out
    assert_editor_safe(out)


def test_images_without_a_place_show_their_alt_text():
    out = W.inline('<p><img src="https://example.com/a.png" alt="远方"><img src="data:image/png;base64,AA" alt="近"></p>')
    assert "远方" in out and "https://" not in out and 'src="data:image/png;base64,AA"' in out


def test_citations_are_marked_outside_headings_code_and_links():
    seen = []

    def cite(text):
        seen.append(text)
        return text.replace("第一条", "第一条①")

    out = W.inline("<h2>第一条</h2><p>第一条<code>第一条</code><a href='#'>第一条</a></p>", cite=cite)
    assert seen == ["第一条"]
    assert out.count("①") == 1


def test_case_sections_and_admonitions_are_boxes():
    out = W.inline('<section class="pufa-case pufa-case--tips"><h2>普法提示</h2><p>x</p></section>'
                   '<div class="admonition danger"><p class="admonition-title">危险</p><p>y</p></div>')
    t = assert_editor_safe(out)
    assert t.tags.count("section") == 2
    assert any("border-left:4px solid #b3261e" in s for s in t.styles)


def test_stray_and_unclosed_tags_do_not_break_the_output():
    out = W.inline("<p>a</span></p><ul><li>b<li>c</ul><p><strong>d")
    assert out.count("<p") == out.count("</p>") and out.count("<li") == out.count("</li>")
    assert "".join(parsed(out).text) == "abcd"


def test_circled_numbers_and_quoted_articles():
    assert [number_mark(n) for n in (1, 20, 21, 50, 51)] == ["①", "⑳", "㉑", "㊿", "(51)"]
    assert _quoted(["甲" * 10, "乙" * 10]) == ["甲" * 10, "乙" * 10]
    long = _quoted(["甲" * 700])
    assert long[0].endswith("……") and len(long[0]) == 602


def test_notes_without_a_library_leave_text_alone():
    notes = Notes(None)
    assert notes.mark('《民法典》第一千零七十七条 "<>"') == '《民法典》第一千零七十七条 "&lt;&gt;"'
    assert notes.section() == ""


def test_qr_png_decodes_to_the_url():
    zxing = pytest.importorskip("zxingcpp")
    from PIL import Image

    url = "https://pufa.example.gov.cn/lessons/xian-fa/"
    data = qr.png(url, "M", 8)
    assert data.startswith(b"\x89PNG") and len(data) < 3000
    image = Image.open(io.BytesIO(data))
    assert image.size[0] == image.size[1] == (len(qr.matrix(url, "M")) + 2 * qr.QUIET) * 8
    assert [r.text for r in zxing.read_barcodes(image)] == [url]
