"""`pufa check --fix` repairs what staff type in Word, WPS and Chinese input
methods where the repair needs no guess, says what it changed by line, keeps the
original outside content/, and leaves a page that checks and builds clean."""
from __future__ import annotations

import re
import shutil

from conftest import pufa

LESSON = """---
title：反家庭暴力法十问
date: ２０２６－０３－０８
summary: 讲清楚人身安全保护令
audience: [妇女, 社会公众]
tags: 家暴，保护令，人身安全保护令
laws:
  - 《中华人民共和国民法典》第一千零七十七条
---
先看[另一课](https://example.gov.cn/lessons/ling-yi-ke/#yi-gai-shu)，
再看[预览里的链接](http://127.0.0.1:8000/lessons/ling-yi-ke/)和[从根写的链接](/lessons/ling-yi-ke/)。

![调解现场](D:\\\\照片\\\\tiao-jie.jpg)

```quiz
- 题目: 哪些人可以申请人身安全保护令？
  类型: 多选
  选项: A.受害人本人；B.受害人的近亲属；C.任何路人
  答案: AB
  解析: 当事人本人，或者近亲属代为申请。
  依据: 《中华人民共和国民法典》第一千零七十七条
```
"""
OTHER = """---
title: 另一课
date: 2026-03-01
summary: 另一课
audience: [社会公众]
laws: [《中华人民共和国民法典》第一千零七十七条]
---
## 一、概述

正文。
"""
GUIDE = """---
title: 人民调解
date: 2025-01-01
summary: 申请人民调解
service: 人民调解
basis: [《中华人民共和国民法典》第一千零七十七条]
conditions: 双方自愿，纠纷属于民间纠纷
materials: 1、身份证；2、户口簿；3、相关证据
steps: [申请, 受理, 调解]
time_limit: 三十日
fee: 不收费
location: 司法所
hours: 工作日
phone: ００００－６６８８２００１
---
正文。
"""


def _site(base_site, tmp_path):
    site = tmp_path / "s"
    shutil.copytree(base_site, site)
    lessons = site / "content" / "lessons"
    lessons.mkdir(parents=True, exist_ok=True)
    (lessons / "x.md").write_text(LESSON, encoding="utf-8")
    (lessons / "ling-yi-ke.md").write_text(OTHER, encoding="utf-8")
    (site / "content" / "guides").mkdir(exist_ok=True)
    (site / "content" / "guides" / "g.md").write_text(GUIDE, encoding="utf-8")
    photos = site / "content" / "lessons" / "tu"
    photos.mkdir()
    from PIL import Image
    Image.new("RGB", (40, 30), "red").save(photos / "tiao-jie.jpg")
    return site


def test_fix_repairs_what_needs_no_guess_and_says_so(base_site, tmp_path):
    site = _site(base_site, tmp_path)
    before = pufa("check", "--site", str(site))
    assert before.returncode == 1, before.stdout          # the full-width colon stops the page
    assert "content/lessons/x.md:2" in before.stdout

    proc = pufa("check", "--site", str(site), "--fix")
    out = proc.stdout
    for said in ("第 2 行：字段「title」后面的全角冒号", "第 3 行：「日期」的全角数字和符号「２０２６－０３－０８」→「2026-03-08」",
                 "第 6 行：「标签」写在一行", "第 10 行：链接「https://example.gov.cn/lessons/ling-yi-ke/#yi-gai-shu」→「ling-yi-ke.md#yi-gai-shu」",
                 "第 11 行：链接「http://127.0.0.1:8000/lessons/ling-yi-ke/」→「ling-yi-ke.md」",
                 "第 11 行：链接「/lessons/ling-yi-ke/」→「ling-yi-ke.md」",
                 "第 13 行：图片「D:\\\\照片\\\\tiao-jie.jpg」→「tu/tiao-jie.jpg」",
                 "第 18 行：写在一行的选项", "「申请材料」写在一行", "「咨询电话」的全角数字"):
        assert said in out, out
    assert proc.returncode == 0, out
    assert "共 0 个错误" in out

    text = (site / "content" / "lessons" / "x.md").read_text(encoding="utf-8")
    assert "title: 反家庭暴力法十问\ndate: 2026-03-08\n" in text
    assert "tags:\n  - 家暴\n  - 保护令\n  - 人身安全保护令\n" in text
    assert "  选项:\n    - 受害人本人\n    - 受害人的近亲属\n    - 任何路人\n" in text
    assert "(ling-yi-ke.md#yi-gai-shu)" in text and "![调解现场](tu/tiao-jie.jpg)" in text
    guide = (site / "content" / "guides" / "g.md").read_text(encoding="utf-8")
    assert "materials:\n  - 身份证\n  - 户口簿\n  - 相关证据\n" in guide
    assert 'phone: "0000-66882001"' in guide
    # The originals are kept outside content/, byte for byte.
    assert (site / ".pufa-backup" / "lessons" / "x.md").read_text(encoding="utf-8") == LESSON
    assert (site / ".pufa-backup" / "guides" / "g.md").read_text(encoding="utf-8") == GUIDE

    again = pufa("check", "--site", str(site), "--fix")
    assert "已修正" not in again.stdout                    # nothing left to fix
    for code in ("全角", "写成了一行", "写在了一行", "网站网址", "电脑上的位置"):
        assert code not in again.stdout, again.stdout

    built = pufa("build", "--site", str(site))
    assert built.returncode == 0, built.stderr
    html = (site / "site" / "lessons" / "x" / "index.html").read_text(encoding="utf-8")
    assert 'href="../ling-yi-ke/#yi-gai-shu"' in html
    assert re.search(r'<img[^>]+src="\.\./tu/tiao-jie\.jpg"', html), html
    assert (site / "site" / "lessons" / "tu" / "tiao-jie.jpg").is_file()


def test_notepad_unicode_file_is_named_and_converted(base_site, tmp_path):
    site = tmp_path / "s"
    shutil.copytree(base_site, site)
    (site / "content" / "lessons").mkdir(parents=True, exist_ok=True)
    page = site / "content" / "lessons" / "u.md"
    page.write_bytes(OTHER.replace("\n", "\r\n").encode("utf-16"))       # Notepad's 「Unicode」
    proc = pufa("check", "--site", str(site))
    assert proc.returncode == 1
    assert "content/lessons/u.md:1" in proc.stdout and "UTF-16" in proc.stdout and "未知" not in proc.stdout
    fixed = pufa("check", "--site", str(site), "--fix")
    assert fixed.returncode == 0, fixed.stdout
    assert "UTF-16" in fixed.stdout and "→ UTF-8" in fixed.stdout
    assert page.read_text(encoding="utf-8").startswith("---\n") or page.read_text(encoding="utf-8").startswith("---\r\n")
    assert (site / ".pufa-backup" / "lessons" / "u.md").read_bytes()[:2] == b"\xff\xfe"


def test_village_photos_are_shown_from_beside_the_page(base_site, tmp_path):
    from PIL import Image

    site = tmp_path / "s"
    shutil.copytree(base_site, site)
    villages = site / "content" / "villages"
    villages.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), "green").save(villages / "cun-wei-hui.jpg")
    (villages / "qi-yun.md").write_text("""---
title: 齐云东村
date: 2025-01-01
summary: 示范村
town: 齐云镇
level: 区级
year_named: 2020
review_status: 保留
last_review: 2025-06-01
legal_adviser: 王某某
legal_literates: 12
mediation_committee: 调解员5名
village_rules: 2023年修订
photos:
  - src: cun-wei-hui.jpg
    alt: 村委会
---
正文。
""", encoding="utf-8")
    built = pufa("build", "--site", str(site))
    assert built.returncode == 0, built.stderr
    html = (site / "site" / "villages" / "qi-yun" / "index.html").read_text(encoding="utf-8")
    src = re.search(r'<img src="([^"]+)" alt="村委会"', html).group(1)
    assert (site / "site" / "villages" / "qi-yun" / src).resolve().is_file(), src


def test_fix_turns_chinese_input_markdown_and_odd_spaces_into_what_markdown_reads(base_site, tmp_path):
    site = tmp_path / "s"
    shutil.copytree(base_site, site)
    lessons = site / "content" / "lessons"
    lessons.mkdir(parents=True, exist_ok=True)
    (lessons / "ling-yi-ke.md").write_text(OTHER, encoding="utf-8")
    from PIL import Image
    Image.new("RGB", (40, 30), "blue").save(lessons / "cun.jpg")
    page = lessons / "x.md"
    page.write_text(OTHER.replace("title: 另一课", "title:\u00a0从微信复制来的课").replace("2026-03-01", "2026年3月1日")
                    .replace("laws: [《中华人民共和国民法典》第一千零七十七条]",
                             "laws:\n\u3000- 《中华人民共和国民法典》第一千零七十七条")
                    + "\n见[另一课]（ling-yi-ke.md）。\n\n！[村委会](CUN.JPG)\n\n＃＃ 二、怎么办\n\n正文。\n",
                    encoding="utf-8")
    before = pufa("check", "--site", str(site))
    assert before.returncode == 1 and "content/lessons/x.md:2:1" in before.stdout and "特殊空格" in before.stdout
    fixed = pufa("check", "--site", str(site), "--fix")
    assert fixed.returncode == 0, fixed.stdout
    assert "第 2 行：特殊空格" in fixed.stdout and "第 7 行：特殊空格" in fixed.stdout
    assert "第 3 行：「日期」的日期「2026年3月1日」→「2026-03-01」" in fixed.stdout
    assert "第 15 行：链接「CUN.JPG」→「cun.jpg」" in fixed.stdout           # Windows does not mind case; servers do
    assert "第 13 行：全角的 Markdown 符号" in fixed.stdout and "第 17 行：全角的 Markdown 符号" in fixed.stdout
    assert "0 个警告" in fixed.stdout, fixed.stdout
    built = pufa("build", "--site", str(site))
    assert built.returncode == 0, built.stderr
    html = (site / "site" / "lessons" / "x" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../ling-yi-ke/">' in html and '<img alt="村委会" src="../cun.jpg"' in html
    assert re.search(r"<h2[^>]*>二、怎么办", html)
    assert "从微信复制来的课" in html
