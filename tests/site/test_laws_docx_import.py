"""Keeping the library current: a new version of a law, downloaded from the
national database as .docx, imports, supersedes the old text (which stays),
and `pufa check` names every citation whose article changed, moved or went.

The law is fictional (示例市养犬管理条例, 2020 and a 2026 revision), so the test
can say exactly which article became which."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import lawdocx
from conftest import pufa

TITLE = "示例市养犬管理条例"
FOLDER = "qi-ta"
SLUG = "shi-li-shi-yang-quan-guan-li-tiao-li"

OLD = f"""# {TITLE}

2020年6月30日 示例市第一届人民代表大会常务委员会第三次会议通过

<!-- INFO END -->

## 第一章 总则

第一条 为了规范养犬行为，保障公民人身安全，维护市容环境卫生和社会公共秩序，制定本条例。

第二条 本条例适用于本市行政区域内的养犬和犬只管理活动。

第三条 养犬管理坚持政府监管、养犬人自律、社会监督相结合的原则。

## 第二章 养犬登记

第四条 个人饲养犬只的，应当向居住地的公安派出所申请养犬登记。

第五条 养犬人应当定期为犬只注射狂犬病疫苗，凭免疫证明办理登记。

第六条 犬只死亡或者丢失的，养犬人应当在十五日内办理注销登记。

## 第三章 养犬行为规范

第七条 携犬出户的，应当为犬只束犬链，犬链长度不得超过二米。

第八条 携犬乘坐电梯的，应当避开高峰时间，并为犬只戴嘴套。

第九条 养犬人应当及时清除犬只在户外排泄的粪便。

## 第四章 附则

第十条 本条例自2020年10月1日起施行。
"""

NEW_CHAPTERS = [
    ("第一章 总则", [
        ("第一条", ["为了规范养犬行为，保障公民人身安全，维护市容环境卫生和社会公共秩序，制定本条例。"]),
        ("第二条", ["本条例适用于本市行政区域内犬只的饲养、经营和管理活动。"]),                 # changed in place
        ("第三条", ["养犬管理坚持政府监管、养犬人自律、社会监督相结合的原则。"]),
        ("第四条", ["市公安机关是本市养犬管理的主管部门。", "城市管理、农业农村等部门按照各自职责做好相关工作。"]),  # added
    ]),
    ("第二章 养犬登记", [
        ("第五条", ["个人饲养犬只的，应当向居住地的公安派出所申请养犬登记。"]),                  # was 第四条
        ("第六条", ["养犬人应当定期为犬只注射狂犬病疫苗，凭免疫证明办理登记。"]),                # was 第五条
        ("第七条", ["犬只死亡或者丢失的，养犬人应当在三十日内办理注销登记。"]),                  # was 第六条, changed
    ]),
    ("第三章 养犬行为规范", [
        ("第八条", ["携犬出户的，应当为犬只束牵引绳，牵引绳长度不得超过一点五米。"]),            # was 第七条, changed
        ("第九条", ["携犬乘坐电梯的，应当避开高峰时间，并为犬只戴嘴套。"]),                      # was 第八条
        ("第十条", ["禁止携犬进入下列场所：", "（一）学校、幼儿园；", "（二）医院、图书馆。"]),    # added
    ]),                                                                                           # (old 第九条 dropped)
    ("第四章 附则", [
        ("第十一条", ["本条例自2026年5月1日起施行。"]),
    ]),
]
HISTORY = ["2020年6月30日示例市第一届人民代表大会常务委员会第三次会议通过",
           "2026年3月1日示例市第二届人民代表大会常务委员会第五次会议修订"]

# A lesson written in 2024, against the 2020 text: (citation, what check must say, or None).
CITATIONS = [
    ("《示例市养犬管理条例》第三条", None),                                   # the same in both texts
    ("《示例市养犬管理条例》第四条", "在新文本里是第五条，内容没变"),
    ("《示例市养犬管理条例》第六条", "是新文本的第七条，内容有修改"),
    ("《示例市养犬管理条例》第二条", "内容有修改"),
    ("《示例市养犬管理条例》第九条", "在新文本里删去了"),
    ("《示例市养犬管理条例》（2026年）第十条", None),                          # names the new text
]


@pytest.fixture
def dog_site(tmp_path):
    site = tmp_path / "s"
    pufa("init", str(site), "--empty", check=True)
    corpus = tmp_path / "corpus" / "其他"
    corpus.mkdir(parents=True)
    (corpus / f"{TITLE}(2020-06-30).md").write_text(OLD, encoding="utf-8")
    pufa("import-laws", str(tmp_path / "corpus"), "--site", str(site), check=True)
    lessons = site / "content" / "lessons"
    lessons.mkdir(parents=True, exist_ok=True)
    body = "\n\n".join(f"示例：{cite}。" for cite, _ in CITATIONS)
    (lessons / "yang-quan-2024.md").write_text(f"""---
title: 文明养犬（示例）
date: 2024-05-01
summary: 示例：养犬登记和出户规范
audience: [社会公众]
laws:
  - 《示例市养犬管理条例》第三条
---
{body}
""", encoding="utf-8")
    (lessons / "yang-quan-2026.md").write_text(f"""---
title: 新条例里的养犬登记（示例）
date: 2026-10-01
summary: 示例：新条例施行后怎样登记
audience: [社会公众]
laws:
  - 《示例市养犬管理条例》第四条
---
示例：《{TITLE}》第四条规定了主管部门。
""", encoding="utf-8")
    docx = lawdocx.write(tmp_path / f"{TITLE}.docx", TITLE, HISTORY, NEW_CHAPTERS)
    return site, docx, tmp_path / "corpus"


def laws_of(site: Path) -> dict:
    root = site / "content" / "laws"
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md"))}


def test_a_new_version_from_the_database_supersedes_the_old_and_keeps_it(dog_site):
    site, docx, corpus = dog_site
    before = laws_of(site)
    assert list(before) == [f"{FOLDER}/{SLUG}.md"]
    proc = pufa("import-laws", str(docx), "--site", str(site))
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "Traceback" not in out
    after = laws_of(site)
    assert sorted(after) == [f"{FOLDER}/{SLUG}-2020-06-30.md", f"{FOLDER}/{SLUG}.md"]
    assert after[f"{FOLDER}/{SLUG}-2020-06-30.md"] == before[f"{FOLDER}/{SLUG}.md"]      # the old text, kept whole
    new = after[f"{FOLDER}/{SLUG}.md"]
    assert "version: 2026-03-01" in new and "第十一条 本条例自2026年5月1日起施行。" in new
    assert "## 第三章 养犬行为规范" in new and "目" not in new.split("<!-- INFO END -->")[1][:20]
    assert "（一）学校、幼儿园；" in new
    assert f"新版本：《{TITLE}》2026年3月1日文本" in out and f"旧文本保留为 content/laws/{FOLDER}/{SLUG}-2020-06-30.md" in out
    assert "运行 pufa check" in out

    # Importing either again changes nothing: the corpus' old text does not take the plain name back.
    for src in (docx, corpus):
        again = pufa("import-laws", str(src), "--site", str(site))
        assert again.returncode == 0, again.stdout + again.stderr
        assert "新增 0，更新 0" in again.stdout, again.stdout
        assert laws_of(site) == after

    # The site: the old page says 已被修改 and links the new; the new is in force; 新旧对照.
    pufa("build", "--site", str(site), check=True)
    pages = site / "site" / "laws" / FOLDER
    old_page = (pages / f"{SLUG}-2020-06-30" / "index.html").read_text(encoding="utf-8")
    new_page = (pages / SLUG / "index.html").read_text(encoding="utf-8")
    assert 'data-pufa-status="superseded"' in old_page and "现行有效</span>" not in old_page
    assert f'href="../{SLUG}/"' in old_page
    assert 'data-pufa-status="in-force"' in new_page and "共 11 条" in new_page
    compare = (pages / SLUG / "dui-zhao-2020-06-30" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'id="c-art-5">旧第四条至第五条 → 新<a[^>]*>第五条至第六条</a>', compare), compare[:2000]
    assert '<section id="c-del-art-9">' in compare


def test_check_names_every_citation_the_new_text_changed(dog_site):
    site, docx, _ = dog_site
    clean = pufa("check", "--site", str(site))
    assert "cite" not in clean.stdout and "新文本" not in clean.stdout        # before: nothing to say
    pufa("import-laws", str(docx), "--site", str(site), check=True)
    proc = pufa("check", "--site", str(site))
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out
    lesson = "content/lessons/yang-quan-2024.md"
    lines = (site / lesson).read_text(encoding="utf-8").splitlines()
    for cite, expected in CITATIONS:
        n = next(i for i, line in enumerate(lines, 1) if cite in line)
        said = [block for block in re.split(r"\n(?=\S)", out) if f"{lesson}:{n} " in block or f"{lesson}:{n}:" in block]
        if expected is None:
            assert not said, (cite, said)
        else:
            assert len(said) == 1 and expected in said[0], (cite, expected, said)
            assert "2026年3月1日有了新文本" in said[0] and "本页日期2024年5月1日" in said[0]
            assert "修改方法" in said[0]
    assert "yang-quan-2026.md" not in out            # written after the new text: cites it


def test_a_file_that_is_not_a_law_in_word_is_refused_in_chinese(dog_site, tmp_path):
    site, _, _ = dog_site
    before = laws_of(site)
    broken = tmp_path / "下载的法律.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    proc = pufa("import-laws", str(broken), "--site", str(site))
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out
    assert "不是能打开的 Word 文件" in out and "另存为" in out
    empty = lawdocx.write(tmp_path / "空白.docx", "示例市文明养犬规定", [], [], toc=False)
    proc = pufa("import-laws", str(empty), "--site", str(site))
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out and "没有找到条文" in out
    old_word = tmp_path / "旧格式.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0")
    proc = pufa("import-laws", str(old_word), "--site", str(site))
    assert proc.returncode != 0 and "另存为" in proc.stdout + proc.stderr
    assert laws_of(site) == before
