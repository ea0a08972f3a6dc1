"""The `pufa` command as staff use it: init, new, build; Chinese, no tracebacks."""
import datetime as dt

import yaml

from conftest import copy_sample, pufa
from pufa.fingerprint import shipped


def test_help_is_chinese():
    proc = pufa("-h")
    assert proc.returncode == 0
    assert "用法：" in proc.stdout and "新建一个网站" in proc.stdout


def test_unknown_command_is_explained():
    proc = pufa("bulid")
    assert proc.returncode == 1
    assert "错误" in proc.stderr and "Traceback" not in proc.stderr


def test_init_empty_builds_outside_the_repository(tmp_path):
    site = tmp_path / "x"
    pufa("init", str(site), "--empty", check=True)
    assert (site / "mkdocs.yml").is_file()
    assert "custom_dir" not in (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert sorted(p.name for p in (site / "content").iterdir()) == [
        "campaigns", "directory", "documents", "guides", "index.md", "lessons", "party-history", "qa",
        "villages"]
    assert not list((site / "content" / "lessons").glob("*-*.md"))  # no sample pages
    proc = pufa("build", "--site", str(site), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (site / "site" / "index.html").is_file()
    assert (site / "site" / "lessons" / "index.html").is_file()
    assert shipped(site / "site", "assets/pufa/pufa.css").is_file()


def test_init_with_sample_content(tmp_path):
    site = tmp_path / "s"
    pufa("init", str(site), check=True)
    assert len(list((site / "content" / "lessons").glob("*.md"))) >= 9
    pufa("build", "--site", str(site), check=True)


def test_init_never_overwrites(tmp_path):
    site = tmp_path / "x"
    pufa("init", str(site), "--empty", check=True)
    (site / "mkdocs.yml").write_text("site_name: 我的网站\n", encoding="utf-8")
    proc = pufa("init", str(site))
    assert proc.returncode == 1 and "没有覆盖" in proc.stderr
    assert (site / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: 我的网站\n"


def test_new_lesson_pinyin_name_and_placeholders(tmp_path):
    site = tmp_path / "x"
    pufa("init", str(site), "--empty", check=True)
    proc = pufa("new", "lesson", "反家庭暴力法十问", "--site", str(site))
    assert proc.returncode == 0, proc.stderr
    path = site / "content" / "lessons" / "fan-jia-ting-bao-li-fa-shi-wen.md"
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert front["title"] == "反家庭暴力法十问"
    assert str(front["date"]) == dt.date.today().isoformat()
    assert "待补充" in front["summary"]
    # Unfilled placeholders stop the build, each with its line.
    proc = pufa("build", "--site", str(site))
    assert proc.returncode == 1
    lines = text.split("\n")
    for field in ("summary", "laws"):
        line = next(i for i, l in enumerate(lines, 1) if l.startswith(field + ":"))
        assert f"fan-jia-ting-bao-li-fa-shi-wen.md:{line}" in proc.stderr
    assert "还没有填写" in proc.stderr
    assert f"fan-jia-ting-bao-li-fa-shi-wen.md:{len(lines) - 1}:1" in proc.stderr   # the body's 待补充 too
    filled = (text.replace("待补充：一两句话的摘要", "讲清楚人身安全保护令")
              .replace("第xx条", "第二十三条").replace("民法典", "反家庭暴力法")
              .replace("待补充：正文。", "受到家庭暴力可以申请人身安全保护令。"))
    path.write_text(filled, encoding="utf-8")
    proc = pufa("build", "--site", str(site))
    assert proc.returncode == 0, proc.stderr
    path.write_text(text, encoding="utf-8")

    again = pufa("new", "lesson", "反家庭暴力法十问", "--site", str(site))
    assert again.returncode == 1 and "没有覆盖" in again.stderr
    assert path.read_text(encoding="utf-8") == text


def test_new_every_type_builds(tmp_path):
    site = tmp_path / "x"
    pufa("init", str(site), "--empty", check=True)
    for kind, title in (("guide", "公证办理：继承"), ("village", "齐云东村"),
                        ("party-history", "遵义会议"), ("campaign", "宪法宣传周"),
                        ("普法课堂", "以案释法：高空抛物")):
        proc = pufa("new", kind, title, "--site", str(site))
        assert proc.returncode == 0, proc.stderr
    # Each template is valid except for the placeholders staff must fill in.
    from pufa.content.model import load_index
    index = load_index(site / "content")
    codes = {f.code for f in index.findings}
    assert codes == {"schema.placeholder"}, [f.format() for f in index.findings]
    assert {f.file.split("/")[1] for f in index.findings} == {
        "guides", "villages", "party-history", "campaigns", "lessons"}


def test_new_screen_is_a_playlist_that_plays_once_filled_in(tmp_path):
    site = tmp_path / "x"
    pufa("init", str(site), check=True)
    proc = pufa("new", "screen", "青石镇司法所大厅", "--site", str(site))
    assert proc.returncode == 0, proc.stderr
    playlist = site / "content" / "screens" / "qing-shi-zhen-si-fa-suo-da-ting.yml"
    text = playlist.read_text(encoding="utf-8")
    assert "title: 青石镇司法所大厅" in text and "- page: guides/" in text
    # The slide's placeholders stop the build, on their lines, until they are replaced.
    check = pufa("check", "--site", str(site))
    assert check.returncode == 1
    lines = text.split("\n")
    for n in (next(i for i, row in enumerate(lines, 1) if "## 待补充" in row),
              next(i for i, row in enumerate(lines, 1) if "待补充：一两句话" in row)):
        assert f"content/screens/qing-shi-zhen-si-fa-suo-da-ting.yml:{n}:" in check.stdout, check.stdout
    playlist.write_text(text.replace("待补充：标题", "有法律问题 拨打 12348")
                        .replace("待补充：一两句话，字大、句短，站在两米外也能看清。", "免费法律咨询，工作日有人接听。"),
                        encoding="utf-8")
    built = pufa("build", "--site", str(site))
    assert built.returncode == 0, built.stdout + built.stderr
    screen = (site / "site" / "screens" / "qing-shi-zhen-si-fa-suo-da-ting" / "index.html").read_text(encoding="utf-8")
    assert "有法律问题 拨打 12348" in screen and "青石镇司法所大厅" in screen
    again = pufa("new", "展示屏", "青石镇司法所大厅", "--site", str(site))
    assert again.returncode == 1 and "没有覆盖" in again.stderr


def test_new_unknown_type_lists_types(tmp_path):
    site = tmp_path / "x"
    pufa("init", str(site), "--empty", check=True)
    proc = pufa("new", "poem", "静夜思", "--site", str(site))
    assert proc.returncode == 1 and "lesson（普法课堂）" in proc.stderr and "screen（展示屏" in proc.stderr


def test_missing_required_field_fails_build_with_file_field_line(tmp_path):
    site = copy_sample(tmp_path / "s")
    pufa("build", "--site", str(site), check=True)
    before = (site / "site" / "index.html").read_bytes()
    page = site / "content" / "lessons" / "xian-fa.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    summary_line = next(i for i, l in enumerate(lines) if l.startswith("summary:"))
    del lines[summary_line]
    page.write_text("\n".join(lines), encoding="utf-8")
    closing = lines.index("---", 1) + 1

    proc = pufa("build", "--site", str(site))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"content/lessons/xian-fa.md:{closing}" in proc.stderr
    assert "缺少必填字段「摘要」（summary）" in proc.stderr
    # The previous site is still there, untouched.
    assert (site / "site" / "index.html").read_bytes() == before
    assert not list(site.glob(".pufa-build-*"))


def test_build_outside_a_site_says_what_to_do(tmp_path):
    proc = pufa("build", "--site", str(tmp_path))
    assert proc.returncode == 1
    assert "mkdocs.yml" in proc.stderr and "pufa init" in proc.stderr


def test_broken_mkdocs_yml_names_line(tmp_path):
    site = tmp_path / "x"
    pufa("init", str(site), "--empty", check=True)
    cfg = site / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("docs_dir: content", "docs_dir: [content"),
                   encoding="utf-8")
    proc = pufa("build", "--site", str(site))
    assert proc.returncode == 1 and "mkdocs.yml" in proc.stderr and "Traceback" not in proc.stderr


def test_chinese_file_name_gets_pinyin_url(tmp_path):
    site = copy_sample(tmp_path / "s")
    src = site / "content" / "lessons" / "xian-fa.md"
    src.rename(src.with_name("宪法小课堂.md"))
    for using in ("campaigns/xian-fa-xuan-chuan-zhou.md", "screens/da-ting.yml"):
        f = site / "content" / using
        f.write_text(f.read_text(encoding="utf-8").replace("lessons/xian-fa.md", "lessons/宪法小课堂.md"),
                     encoding="utf-8")
    pufa("build", "--site", str(site), check=True)
    assert (site / "site" / "lessons" / "xian-fa-xiao-ke-tang" / "index.html").is_file()


def test_repository_site_uses_the_init_settings():
    """This repository is the sample site: its mkdocs.yml is what init writes."""
    from conftest import ROOT
    from pufa.scaffold.site import SAMPLE_SETTINGS, mkdocs_yml
    ours = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert ours.endswith(mkdocs_yml(SAMPLE_SETTINGS, custom_dir="theme"))


def test_init_region_is_written_and_checked(tmp_path):
    site = tmp_path / "x"
    proc = pufa("init", str(site), "--empty", "--region", "浙江省")
    assert proc.returncode == 0, proc.stderr
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      region: 浙江 " in text
    (site / "mkdocs.yml").write_text(text.replace("region: 浙江 ", "region: 浙东 "), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "region:" in row)
    check = pufa("check", "--site", str(site))
    assert check.returncode == 1 and f"mkdocs.yml:{line}" in check.stdout and "浙东" in check.stdout
    bad = pufa("init", str(tmp_path / "y"), "--region", "火星")
    assert bad.returncode == 1 and "不是省、自治区或直辖市" in bad.stderr and not (tmp_path / "y").exists()
