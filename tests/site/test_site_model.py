"""One site model: `pufa check` and `pufa build` say the same findings with the
same counts, and mistakes in mkdocs.yml are Chinese findings with their line."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import pufa
from test_check import case_dir

FINDING = re.compile(r"^(错误|警告)  (\S+)  (.+)$")


def finding_lines(text: str) -> list[str]:
    """The findings a command printed: '错误  file:line  message' lines (not the verdict)."""
    return sorted(line for line in text.splitlines() if FINDING.match(line))


# (name, text in the new site's mkdocs.yml, what a staffer typed instead, finding code)
SETTINGS_MISTAKES = [
    ("fullwidth-colon", "site_name: ", "site_name： ", "yaml.fullwidth-colon"),
    ("tab", "\n  name: material", "\n\tname: material", "yaml.tab"),
    ("site-url-without-scheme", "site_url: https://", "site_url: ", "settings.value"),
    ("option-type", "lessons: 6", 'lessons: "六"', "settings.value"),
    ("plugin-misspelt", "  - pufa-search", "  - pufa-serch", "settings.value"),
    ("unclosed-quote", 'hotline: "12348"', 'hotline: "12348', "yaml.unclosed-quote"),
]


@pytest.mark.parametrize("name,text,typed,code", SETTINGS_MISTAKES, ids=[m[0] for m in SETTINGS_MISTAKES])
def test_settings_mistakes_are_found_by_check_with_their_line(base_site, tmp_path, name, text, typed, code):
    site = tmp_path / "s"
    shutil.copytree(base_site, site)
    pufa("build", "--site", str(site), check=True)
    before = (site / "site" / "index.html").read_bytes()
    cfg = site / "mkdocs.yml"
    original = cfg.read_text(encoding="utf-8")
    assert text in original
    changed = original.replace(text, typed, 1)
    cfg.write_text(changed, encoding="utf-8")
    start = changed.index(typed) + len(typed) - len(typed.lstrip("\n"))
    line = changed[:start].count("\n") + 1

    check = pufa("check", "--site", str(site), "--format", "json")
    assert check.returncode == 1
    findings = json.loads(check.stdout)["findings"]
    mine = [f for f in findings if f["file"] == "mkdocs.yml" and f["severity"] == "错误"]
    assert mine, check.stdout
    assert mine[0]["code"] == code and mine[0]["line"] == line, mine
    assert re.search(r"[\u4e00-\u9fff]", mine[0]["message"]) and mine[0]["hint"]

    build = pufa("build", "--site", str(site))
    assert build.returncode == 1
    for output in (check.stdout + check.stderr, build.stdout + build.stderr):
        assert "程序内部出错" not in output and "Traceback" not in output and "Aborted" not in output
    assert f"mkdocs.yml:{line}" in build.stderr
    assert (site / "site" / "index.html").read_bytes() == before       # the good site stays


@pytest.mark.parametrize("case", ["text-xx", "cite-unknown-law", "cite-repealed", "link-missing",
                                  "village-review-old", "image-too-big", "unknown-field"])
def test_check_and_build_report_the_same_findings(base_site, tmp_path, case):
    site = tmp_path / "s"
    shutil.copytree(base_site, site)
    shutil.copytree(case_dir(case) / "site", site, dirs_exist_ok=True)
    check = pufa("check", "--site", str(site))
    build = pufa("build", "--site", str(site))
    said_by_check = finding_lines(check.stdout + check.stderr)
    said_by_build = finding_lines(build.stdout + build.stderr)
    assert said_by_check, check.stdout
    assert said_by_build == said_by_check          # each once, the same, in both
    counts = re.search(r"共 (\d+) 个错误，(\d+) 个警告", check.stdout).groups()
    if build.returncode == 0:
        assert f"共 {counts[0]} 个错误，{counts[1]} 个警告" in build.stdout
    else:
        assert f"检查发现 {counts[0]} 处错误" in build.stderr
    assert (build.returncode == 0) == (check.returncode == 0)


def test_sample_site_check_and_build_agree(sample_site):
    """The sample's warning (a village due for review) is said once by each."""
    check = pufa("check", "--site", str(sample_site))
    build = pufa("build", "--site", str(sample_site))
    assert build.returncode == 0 and check.returncode == 0
    assert finding_lines(build.stdout) == finding_lines(check.stdout)
    assert re.search(r"共 0 个错误，(\d+) 个警告", check.stdout).group(1) in build.stdout


def test_generated_pages_keep_titles_with_a_colon(tmp_path):
    """A campaign titled 「宪法宣传周: 2026」 (quoted, as YAML needs) keeps that title on its
    generated self-test page: generated pages are written from data, not pasted text."""
    from conftest import copy_sample

    site = copy_sample(tmp_path / "s")
    campaign = site / "content" / "campaigns" / "xian-fa-xuan-chuan-zhou.md"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace(
        "title: 宪法宣传周\n", 'title: "宪法宣传周: 2026"\n', 1), encoding="utf-8")
    pufa("build", "--site", str(site), check=True)
    html = (site / "site" / "quiz" / "xian-fa-xuan-chuan-zhou" / "index.html").read_text(encoding="utf-8")
    assert "<title>宪法宣传周: 2026 · 知识自测" in html


def test_plain_mkdocs_build_in_process_gives_the_same_site(sample_site, tmp_path):
    """The plugins load the model themselves under a plain MkDocs build (no pufa
    command): the same pages come out, and errors still stop it."""
    import filecmp

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    out = tmp_path / "plain"
    build(load_config(config_file=str(sample_site / "mkdocs.yml"), site_dir=str(out)))
    ours = sample_site / "site"
    for page in ["index.html", "lessons/xian-fa/index.html", "laws/index.html", "search/meta.js", "sw.js"]:
        assert filecmp.cmp(out / page, ours / page, shallow=False), page

    bad = tmp_path / "bad"
    shutil.copytree(sample_site, bad, ignore=shutil.ignore_patterns("site"))
    (bad / "content" / "lessons" / "x.md").write_text("---\ntitle: 坏\n---\n正文\n", encoding="utf-8")
    with pytest.raises(Abort) as caught:        # MkDocs says a plugin's error as an Abort
        build(load_config(config_file=str(bad / "mkdocs.yml"), site_dir=str(tmp_path / "bad-site")))
    said = str(caught.value.__context__)
    assert "content/lessons/x.md:3" in said and "网站没有生成" in said
    assert not (tmp_path / "bad-site" / "lessons" / "x").exists()
