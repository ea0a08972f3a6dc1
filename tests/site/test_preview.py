"""pufa serve: a save shows on the page, in its listing and, soon after, in the
search; problems show on the page; a preview is never served from a cache; an
idle preview does nothing; a second start reuses the last preview's pages, and
stopping it leaves nothing running."""
from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from conftest import copy_sample, eventually, fetch, free_port, previewing, start, stop


def running_in(site: Path) -> list[str]:
    """Processes whose command line names the site (the preview and its helpers)."""
    out = subprocess.run(["ps", "-eo", "pid=,args="], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if str(site) in line and "ps -eo" not in line]


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    site = copy_sample(tmp_path_factory.mktemp("preview") / "s")
    port = free_port()
    proc = start(site, port)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert eventually(lambda: "</html>" in fetch(base + "lessons/xian-fa/"), 300), \
            (site.parent / "serve.log").read_text(encoding="utf-8")
        yield site, base
    finally:
        stop(proc)


def test_saving_a_lesson_shows_on_its_page_and_in_its_listing(preview):
    site, base = preview
    lesson = site / "content" / "lessons" / "xian-fa.md"
    text = lesson.read_text(encoding="utf-8")
    old_title = next(line for line in text.splitlines() if line.startswith("title:"))
    lesson.write_text(text.replace(old_title, "title: 宪法是根本大法（预览改过）", 1)
                      + "\n\n预览里新写的一段：宪法日是十二月四日。\n", encoding="utf-8")
    assert eventually(lambda: "预览里新写的一段" in fetch(base + "lessons/xian-fa/"))
    assert "宪法是根本大法（预览改过）" in fetch(base + "lessons/")
    assert "宪法是根本大法（预览改过）" in fetch(base)
    # Pages nobody changed keep being served, with their own titles in the menus.
    guide = fetch(base + "guides/fa-lv-yuan-zhu-shen-qing/")
    assert "</html>" in guide and "法律援助" in guide


def test_a_new_page_saved_during_the_preview_gets_its_page_and_its_place_in_the_listing(preview):
    site, base = preview
    lesson = site / "content" / "lessons" / "xin-wen-zhang.md"
    model = (site / "content" / "lessons" / "xian-fa.md").read_text(encoding="utf-8")
    title = next(line for line in model.splitlines() if line.startswith("title:"))
    guide = site / ".pufa-cache" / "preview" / "site" / "guides" / "fa-lv-yuan-zhu-shen-qing" / "index.html"
    kept = guide.stat().st_mtime_ns
    lesson.write_text(model.replace(title, "title: 预览中新建的一课", 1), encoding="utf-8")
    assert eventually(lambda: "预览中新建的一课" in fetch(base + "lessons/xin-wen-zhang/"))
    assert "预览中新建的一课" in fetch(base + "lessons/")
    assert "预览中新建的一课" in fetch(base)
    assert guide.stat().st_mtime_ns == kept          # a page that does not name it is not made again
    lesson.unlink()                                  # and taken away again: gone from the listing
    assert eventually(lambda: "预览中新建的一课" not in fetch(base + "lessons/"))


def test_the_search_index_follows_a_save(preview):
    site, base = preview
    qa = next((site / "content" / "qa").glob("*.md"))
    text = qa.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    qa.write_text(text.replace(title, title + "（葳蕤）", 1), encoding="utf-8")
    # The page shows the save at once; the index is remade in the background and swapped in.
    assert eventually(lambda: "葳蕤" in fetch(base + "qa/" + qa.stem + "/"))
    assert eventually(lambda: "葳蕤" in fetch(base + "search/meta.js"), 180)


def test_a_problem_shows_on_the_page_and_the_preview_has_no_cache(preview):
    site, base = preview
    lesson = site / "content" / "lessons" / "xian-fa.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n粉丝xx万\n", encoding="utf-8")
    assert eventually(lambda: "pufa-preview-findings--errors" in fetch(base + "lessons/xian-fa/"))
    worker = fetch(base + "sw.js")
    assert "unregister" in worker and "PRECACHE" not in worker


def test_an_idle_preview_does_not_rebuild(preview):
    """Reading every file while rebuilding must not count as a change (a
    preview that rebuilds itself forever keeps a core busy and the pages stale)."""
    site, base = preview
    log = site.parent / "serve.log"
    time.sleep(3)                       # (a save from an earlier test settles)
    before = log.stat().st_size
    time.sleep(4)
    assert log.stat().st_size == before, log.read_text(encoding="utf-8")[before:]


def test_a_second_start_reuses_the_last_preview_and_shows_what_changed_meanwhile(tmp_path):
    site = copy_sample(tmp_path / "s")
    port = free_port()
    with previewing(site, port, "first.log") as base:
        assert eventually(lambda: "</html>" in fetch(base + "lessons/xian-fa/"), 300)
    cache = site / ".pufa-cache"
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert "可以随时删除" in (cache / "说明.txt").read_text(encoding="utf-8")
    assert running_in(site) == []        # nothing of the preview is left running
    guide = cache / "preview" / "site" / "guides" / "fa-lv-yuan-zhu-shen-qing" / "index.html"
    kept = guide.stat().st_mtime_ns
    lesson = site / "content" / "lessons" / "xian-fa.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n\n停着的时候写的一段。\n", encoding="utf-8")
    qa = next((site / "content" / "qa").glob("*.md"))
    text = qa.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    qa.write_text(text.replace(title, title + "（蘅芜）", 1), encoding="utf-8")
    with previewing(site, port, "second.log") as base:
        assert eventually(lambda: "停着的时候写的一段" in fetch(base + "lessons/xian-fa/"), 300)
        assert "法律援助" in fetch(base + "guides/fa-lv-yuan-zhu-shen-qing/")
        assert guide.stat().st_mtime_ns == kept     # a page nothing changed is not made again
        # The search index is remade in the background, from the pages in the folder.
        assert eventually(lambda: "蘅芜" in fetch(base + "search/meta.js"), 180)
    assert running_in(site) == []


def test_a_changed_setting_starts_the_next_preview_afresh(tmp_path):
    site = copy_sample(tmp_path / "s")
    port = free_port()
    with previewing(site, port, "first.log") as base:
        assert eventually(lambda: "</html>" in fetch(base), 300)
    cfg = site / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("site_name: 云溪区普法网（示例）",
                                                           "site_name: 云溪区普法网（改名示例）"), encoding="utf-8")
    with previewing(site, port, "second.log") as base:
        assert eventually(lambda: "云溪区普法网（改名示例）" in fetch(base + "guides/fa-lv-yuan-zhu-shen-qing/"), 300)


def test_photos_deleted_while_the_preview_rebuilds(preview):
    """Staff tidy a folder of photos while the preview renders: no traceback, the
    preview keeps running and shows the next save."""
    from PIL import Image

    site, base = preview
    villages = site / "content" / "villages"
    log = site.parent / "serve.log"
    for round_ in range(3):
        photos = []
        for i in range(15):
            photos.append(villages / f"zhao-pian-{round_}-{i}.jpg")
            Image.new("RGB", (900, 700), (i * 15, 90, 90)).save(photos[-1], quality=95)
        page = site / "content" / "lessons" / f"xin-ke-{round_}.md"
        page.write_text(f"---\ntitle: 新课{round_}\ndate: 2026-01-01\nsummary: 示例\naudience: [社会公众]\n"
                        "laws: [《中华人民共和国民法典》第一千零七十七条]\nsample: true\n---\n正文。\n", encoding="utf-8")
        time.sleep(0.3 * (round_ + 1))              # into the rebuild the new page starts
        for photo in photos:
            photo.unlink()
        assert eventually(lambda: "</html>" in fetch(base + f"lessons/xin-ke-{round_}/"), 120), log.read_text("utf-8")
    lesson = site / "content" / "lessons" / "xian-fa.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n\n照片整理之后的一段。\n", encoding="utf-8")
    assert eventually(lambda: "照片整理之后的一段" in fetch(base + "lessons/xian-fa/"))
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text and "程序内部出错" not in text and "Error:" not in text, text[-3000:]
