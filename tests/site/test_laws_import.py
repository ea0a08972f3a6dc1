"""pufa import-laws on a small corpus in the real format, and its build."""
import os
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, pufa, pufa_command

FIXTURE = ROOT / "tests" / "fixtures" / "laws"


@pytest.fixture
def law_site(tmp_path):
    site = tmp_path / "l"
    pufa("init", str(site), "--empty", check=True)
    return site


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_import_groups_merges_and_is_idempotent(law_site):
    proc = pufa("import-laws", str(FIXTURE), "--site", str(law_site))
    assert proc.returncode == 0, proc.stderr
    laws = law_site / "content" / "laws"
    files = snapshot(laws)
    assert sorted(files) == [
        "_status.yml",
        "an-li/xiao-fei-gou-wu/zhang-mou-su-mou-gong-si-mai-mai-he-tong-jiu-fen-an.md",
        "min-fa-dian/min-fa-dian.md",
        "su-song-yu-fei-su-song-cheng-xu-fa/xing-zheng-fu-yi-fa-2017-09-01.md",
        "xing-fa/xing-fa.md",
        "xing-fa/xing-zheng-fu-yi-fa.md",
    ]
    assert "合并：中华人民共和国民法典 的 2 个分编合为一部" in proc.stdout
    assert "目录说明文件" in proc.stdout and "没有标题" in proc.stdout
    assert "同一法律同一版本重复出现" in proc.stdout
    assert "导入" in proc.stderr or "写入" in proc.stderr   # the progress bar

    again = pufa("import-laws", str(FIXTURE), "--site", str(law_site))
    assert again.returncode == 0
    assert "新增 0，更新 0，未变 5，移除 0" in again.stdout
    assert snapshot(laws) == files


def test_import_progress_to_a_pipe_is_a_few_plain_lines(law_site):
    """To a file, pipe or CI log: whole lines at each fifth, never '\r' redraws."""
    cmd, env = pufa_command("import-laws", str(FIXTURE), "--site", str(law_site))
    proc = subprocess.run(cmd, capture_output=True, env=env)   # bytes: text mode would turn '\r' into '\n'
    assert proc.returncode == 0, proc.stderr.decode("utf-8")
    assert b"\r" not in proc.stdout + proc.stderr
    lines = proc.stderr.decode("utf-8").splitlines()
    assert all(re.fullmatch(r"(读取法律文件|写入法律法规库)：\s*\d+%（\d+/\d+ 件，用时 \d\d:\d\d）", line)
               for line in lines), lines
    assert [line.split("（")[1].split(" ")[0] for line in lines if "100%" in line] == ["9/9", "5/5"]
    assert len(lines) <= 10


@pytest.mark.skipif(sys.platform == "win32", reason="需要伪终端（pty）")
def test_import_progress_in_a_terminal_is_a_tqdm_bar(law_site):
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))   # tqdm draws nothing at 0 columns
    cmd, env = pufa_command("import-laws", str(FIXTURE), "--site", str(law_site))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    out = b""
    try:
        while select.select([master], [], [], 60)[0]:
            chunk = os.read(master, 65536)
            if not chunk:
                break
            out += chunk
    except OSError:   # EIO: the command closed the terminal
        pass
    finally:
        os.close(master)
    proc.communicate(timeout=60)
    assert proc.returncode == 0
    frames = out.decode("utf-8").split("\r")
    assert any(f.startswith("读取法律文件:") and "100%|" in f and "9/9" in f for f in frames), frames
    assert any(f.startswith("写入法律法规库:") and "100%|" in f and "5/5" in f for f in frames), frames


def test_import_keeps_staff_edits_to_the_status_file(law_site):
    pufa("import-laws", str(FIXTURE), "--site", str(law_site), check=True)
    status = law_site / "content" / "laws" / "_status.yml"
    status.write_text(status.read_text(encoding="utf-8") + "\n# 本地备注\n", encoding="utf-8")
    pufa("import-laws", str(FIXTURE), "--site", str(law_site), check=True)
    assert "# 本地备注" in status.read_text(encoding="utf-8")


def test_hand_added_document_without_front_matter(law_site):
    pufa("import-laws", str(FIXTURE), "--site", str(law_site), check=True)
    folder = law_site / "content" / "laws" / "地方性法规"
    folder.mkdir()
    (folder / "yun-xi-qu-tiao-li.md").write_text(
        "# 云溪区文明行为促进条例\n\n2024年3月1日 通过\n\n<!-- INFO END -->\n\n第一条 为了促进文明行为，制定本条例。\n",
        encoding="utf-8")
    pufa("build", "--site", str(law_site), check=True)
    page = (law_site / "site" / "laws" / "di-fang-xing-fa-gui" / "yun-xi-qu-tiao-li" / "index.html")
    html = page.read_text(encoding="utf-8")
    assert 'id="art-1"' in html and 'content="in-force"' in html
    home = (law_site / "site" / "laws" / "index.html").read_text(encoding="utf-8")
    assert "地方性法规" in home


def test_missing_source_folder_is_explained(law_site, tmp_path):
    proc = pufa("import-laws", str(tmp_path / "nope"), "--site", str(law_site))
    assert proc.returncode == 1 and "找不到法律文件夹" in proc.stderr and "Traceback" not in proc.stderr


def test_law_pages_anchors_status_and_versions(law_site):
    pufa("import-laws", str(FIXTURE), "--site", str(law_site), check=True)
    pufa("build", "--site", str(law_site), check=True)
    site = law_site / "site" / "laws"
    civil = (site / "min-fa-dian" / "min-fa-dian" / "index.html").read_text(encoding="utf-8")
    assert 'id="art-1077"' in civil and 'href="#art-1077"' in civil
    assert '<meta name="pufa:law-status" content="in-force">' in civil
    crim = (site / "xing-fa" / "xing-fa" / "index.html").read_text(encoding="utf-8")
    assert 'id="art-133-1"' in crim
    # 本法第一百三十三条 links within the page
    assert '<a class="pufa-cite" href="#art-133"' in crim
    old = (site / "su-song-yu-fei-su-song-cheng-xu-fa" / "xing-zheng-fu-yi-fa-2017-09-01" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="pufa:law-status" content="superseded">' in old
    assert 'href="../../xing-fa/xing-zheng-fu-yi-fa/"' in old and "已被修改" in old
    new = (site / "xing-fa" / "xing-zheng-fu-yi-fa" / "index.html").read_text(encoding="utf-8")
    assert "修改沿革" in new and "xing-zheng-fu-yi-fa-2017-09-01" in new
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "民法典" in home and "已废止的法律" in home and "中华人民共和国合同法" in home
    # Laws are not in every page's navigation.
    lesson_nav = (law_site / "site" / "index.html").read_text(encoding="utf-8")
    assert "中华人民共和国刑法" not in lesson_nav


def test_status_file_repeal_shows_on_page_and_warns_citing_pages(law_site):
    pufa("import-laws", str(FIXTURE), "--site", str(law_site), check=True)
    status = law_site / "content" / "laws" / "_status.yml"
    status.write_text(status.read_text(encoding="utf-8").replace(
        "laws:\n", "laws:\n  - title: 中华人民共和国刑法\n    status: 已废止\n    date: 2024-01-01\n"
                   "    replaced_by: 中华人民共和国民法典\n", 1), encoding="utf-8")
    lesson = law_site / "content" / "lessons" / "zui-jia.md"
    lesson.write_text("""---
title: 醉驾
date: 2026-01-01
summary: 醉驾入刑
audience: [社会公众]
laws:
  - 《中华人民共和国刑法》第一百三十三条之一
---
醉酒驾驶，依照《刑法》第一百三十三条之一处罚；合同无效的情形见《合同法》第五十二条。
""", encoding="utf-8")
    proc = pufa("build", "--site", str(law_site))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout + proc.stderr
    assert "content/lessons/zui-jia.md:7" in out and "content/lessons/zui-jia.md:9" in out
    assert "已废止的《刑法》" in out and "由《中华人民共和国民法典》取代" in out
    assert "《合同法》第五十二条" in out
    page = (law_site / "site" / "laws" / "xing-fa" / "xing-fa" / "index.html").read_text(encoding="utf-8")
    assert 'content="repealed"' in page and "2024年1月1日" in page
    html = (law_site / "site" / "lessons" / "zui-jia" / "index.html").read_text(encoding="utf-8")
    assert "pufa-cite--repealed" in html


def test_missing_article_fails_with_file_and_line(law_site):
    pufa("import-laws", str(FIXTURE), "--site", str(law_site), check=True)
    pufa("build", "--site", str(law_site), check=True)
    before = (law_site / "site" / "index.html").read_bytes()
    lesson = law_site / "content" / "lessons" / "li-hun.md"
    lesson.write_text("""---
title: 离婚
date: 2026-01-01
summary: 冷静期
audience: [社会公众]
laws: [《民法典》第一千零七十七条]
---
第一段。

见《民法典》第九千条。
""", encoding="utf-8")
    proc = pufa("build", "--site", str(law_site))
    assert proc.returncode == 1
    assert "content/lessons/li-hun.md:10:2" in proc.stderr
    assert "没有第九千条" in proc.stderr and "Traceback" not in proc.stderr
    assert (law_site / "site" / "index.html").read_bytes() == before


def test_a_folder_of_laws_with_its_readme_beside_them(tmp_path):
    """A corpus folder carries a README.md describing the format (with the
    header marker inside a code block): it is skipped as not a law, the laws import."""
    import shutil

    src = tmp_path / "laws"
    shutil.copytree(ROOT / "tests" / "fixtures" / "laws" / "民法典", src / "民法典")
    fmt = "# 法律语料说明\n\n```\n# 中华人民共和国民法典   <- 标题\n<!-- INFO END -->   <- 头部结束\n```\n"
    (src / "README.md").write_text(fmt, encoding="utf-8")
    (src / "格式.md").write_text(fmt, encoding="utf-8")        # the same text under another name
    site = tmp_path / "s"
    pufa("init", str(site), "--empty", check=True)
    proc = pufa("import-laws", str(src), "--site", str(site))
    assert proc.returncode == 0, proc.stderr
    assert "README.md（说明文件，不是法律文件）" in proc.stdout
    assert "格式.md（没有正文）" in proc.stdout
    assert "程序内部出错" not in proc.stdout + proc.stderr
    assert list((site / "content" / "laws").rglob("min-fa-dian*.md"))


LOCAL = """# 云溪市物业管理条例

2024年6月1日云溪市人民代表大会常务委员会通过（示例）
<!-- INFO END -->

第一条 为了规范物业管理活动，制定本条例。

第二条 业主应当按照物业服务合同的约定交纳物业费。
"""


def test_importing_another_folder_adds_and_prune_removes_only_its_own(tmp_path):
    site = tmp_path / "s"
    pufa("init", str(site), "--empty", check=True)
    pufa("import-laws", str(ROOT / "tests" / "fixtures" / "laws"), "--site", str(site), check=True)
    laws = site / "content" / "laws"
    national = sorted(p.relative_to(laws).as_posix() for p in laws.rglob("*.md") if not p.name.startswith(("_", "index")))
    by_hand = laws / "qi-ta" / "shou-gong.md"
    by_hand.parent.mkdir(exist_ok=True)
    by_hand.write_text("# 云溪区养犬管理规定\n\n第一条 养犬应当拴绳。\n", encoding="utf-8")

    local = tmp_path / "local-laws"
    (local / "浙江").mkdir(parents=True)
    (local / "浙江" / "云溪市物业管理条例(2024-06-01).md").write_text(LOCAL, encoding="utf-8")
    (local / "浙江" / "云溪市养犬条例(2024-06-01).md").write_text(
        LOCAL.replace("物业管理", "养犬管理"), encoding="utf-8")
    proc = pufa("import-laws", str(local), "--site", str(site))
    assert proc.returncode == 0, proc.stderr
    assert "新增 2" in proc.stdout and "移除 0" in proc.stdout
    after = {p.relative_to(laws).as_posix() for p in laws.rglob("*.md")}
    assert set(national) <= after and by_hand.is_file()
    # Local regulations are their own 位阶, one folder a province.
    assert "di-fang-xing-fa-gui/zhe-jiang/yun-xi-shi-wu-ye-guan-li-tiao-li.md" in after

    # The folder loses a regulation: it stays, and the import says how to remove it.
    (local / "浙江" / "云溪市养犬条例(2024-06-01).md").unlink()
    proc = pufa("import-laws", str(local), "--site", str(site))
    assert "保留 1 件" in proc.stdout and "--prune" in proc.stdout
    assert len({p for p in laws.rglob("*.md")}) == len(after)
    proc = pufa("import-laws", str(local), "--site", str(site), "--prune")
    assert proc.returncode == 0 and "移除 1" in proc.stdout and "yang-quan" in proc.stdout, proc.stdout
    left = {p.relative_to(laws).as_posix() for p in laws.rglob("*.md")}
    assert set(national) <= left and by_hand.is_file() and len(left) == len(after) - 1
    # Re-importing the national folder with --prune leaves the local regulation alone.
    proc = pufa("import-laws", str(ROOT / "tests" / "fixtures" / "laws"), "--site", str(site), "--prune")
    assert "移除 0" in proc.stdout and left == {p.relative_to(laws).as_posix() for p in laws.rglob("*.md")}
    assert pufa("build", "--site", str(site)).returncode == 0
    listing = (site / "site" / "laws" / "di-fang-xing-fa-gui" / "index.html").read_text(encoding="utf-8")
    assert "地方性法规" in listing and ">浙江<" in listing and ">zhe-jiang<" not in listing

    # One region of a folder of many: the others are neither imported nor touched.
    (local / "广东").mkdir()
    (local / "广东" / "云溪市电动自行车条例(2024-06-01).md").write_text(
        LOCAL.replace("物业管理", "电动自行车管理"), encoding="utf-8")
    proc = pufa("import-laws", str(local), "--site", str(site), "--only-region", "浙江省", "--prune")
    assert proc.returncode == 0 and "新增 0" in proc.stdout and "移除 0" in proc.stdout, proc.stdout
    assert not (laws / "di-fang-xing-fa-gui" / "guang-dong").exists()
    proc = pufa("import-laws", str(local), "--site", str(site), "--only-region", "火星")
    assert proc.returncode == 1 and "不是省、自治区或直辖市" in proc.stderr
