"""The whole real corpus (../shared/corpus/laws): import, build, acceptance points.

Skipped with a clear message where the corpus is absent.
"""
import re
import subprocess

import pytest

from conftest import ROOT, pufa, pufa_command

CORPUS = ROOT.parent / "shared" / "corpus" / "laws"
LOCAL_CORPUS = ROOT.parent / "shared" / "corpus" / "local-laws"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"法律语料不在 {CORPUS}，跳过全量测试")


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("corpus") / "l"
    pufa("init", str(site), "--empty", check=True)
    site.parent.joinpath("import.log").write_bytes(import_to_pipes(CORPUS, site))
    pufa("build", "--site", str(site), check=True)
    return site


def import_to_pipes(corpus, site) -> bytes:
    """pufa import-laws with stdout and stderr captured as a log or CI would: raw bytes, both streams."""
    cmd, env = pufa_command("import-laws", str(corpus), "--site", str(site))
    proc = subprocess.run(cmd, capture_output=True, env=env)   # bytes: text mode would turn '\r' into '\n'
    assert proc.returncode == 0, proc.stderr.decode("utf-8")
    return proc.stdout + proc.stderr


def assert_short_log(output: bytes):
    assert b"\r" not in output, "no progress-bar redraws in a log"
    lines = output.decode("utf-8").splitlines()
    assert len(lines) <= 100, f"{len(lines)} lines"


def test_full_import_writes_a_short_log(corpus_site):
    assert_short_log(corpus_site.parent.joinpath("import.log").read_bytes())


@pytest.mark.skipif(not LOCAL_CORPUS.is_dir(), reason=f"地方性法规语料不在 {LOCAL_CORPUS}，跳过")
def test_local_laws_import_writes_a_short_log(tmp_path):
    site = tmp_path / "local"
    pufa("init", str(site), "--empty", check=True)
    assert_short_log(import_to_pipes(LOCAL_CORPUS, site))


def test_every_imported_document_has_a_page(corpus_site):
    laws = corpus_site / "content" / "laws"
    sources = [p for p in laws.rglob("*.md") if p.name != "index.md" and not p.name.startswith("_")]
    assert len(sources) > 1500
    missing = [p for p in sources
               if not (corpus_site / "site" / p.relative_to(corpus_site / "content").with_suffix("") / "index.html").is_file()]
    assert missing == []


def test_anchors_on_the_real_texts(corpus_site):
    site = corpus_site / "site" / "laws"
    civil = (site / "min-fa-dian" / "min-fa-dian" / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<div id="art-1077"><p><a href="#art-1077">(第[^<]+)</a>', civil)
    assert m and m.group(1) == "第一千零七十七条"
    assert len(re.findall(r'<div id="art-\d+">', civil)) == 1260
    crim = (site / "xing-fa" / "xing-fa" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div id="art-133-1"><p><a href="#art-133-1">第一百三十三条之一</a>', crim)


def test_administrative_reconsideration_versions(corpus_site):
    folder = corpus_site / "site" / "laws" / "su-song-yu-fei-su-song-cheng-xu-fa"
    old = (folder / "xing-zheng-fu-yi-fa-2017-09-01" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="pufa:law-status" content="superseded">' in old
    assert 'href="../xing-zheng-fu-yi-fa/"' in old
    new = (folder / "xing-zheng-fu-yi-fa" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="pufa:law-status" content="in-force">' in new


def test_navigation_does_not_list_the_laws(corpus_site):
    html = (corpus_site / "site" / "index.html").read_text(encoding="utf-8")
    assert len(html.encode()) < 40_000
    assert "中华人民共和国刑法" not in html


def test_whole_site_stays_under_70_mb(corpus_site):
    """Every page carries its QR code: the whole law site must still fit in 70 MB."""
    from pufa.precompress import is_compressed_copy
    # The site as readers get it; the .gz/.br copies beside it are the server's (issue 18).
    files = [p for p in (corpus_site / "site").rglob("*") if p.is_file() and not is_compressed_copy(p)]
    total = sum(p.stat().st_size for p in files)
    assert total <= 70_000_000, f"{total / 1e6:.1f} MB"
    law = (corpus_site / "site" / "laws" / "min-fa-dian" / "min-fa-dian" / "index.html").read_text(encoding="utf-8")
    assert law.count('<img class="pufa-qr"') == 1 and "https://example.gov.cn/laws/min-fa-dian/min-fa-dian/" in law


def test_every_synonym_expansion_occurs_in_the_laws():
    """The synonym list's promise: every word it searches for is in the law texts (else it finds nothing)."""
    from pufa.search.language import load_synonyms
    synonyms, findings = load_synonyms(None)
    assert findings == [] and len(synonyms) > 700
    text = "\n".join(p.read_text(encoding="utf-8") for p in CORPUS.rglob("*.md"))
    values = sorted({v for vs in synonyms.values() for v in vs})
    assert [v for v in values if v not in text] == []


def test_every_question_of_the_bank_finds_its_article_in_force(corpus_site):
    """The question bank (pufa/search/asks) names its articles by title and 第N条:
    each must be an article of the version in force, or the question is lost."""
    import json

    from pufa.search import asks as A

    text = (corpus_site / "site" / "search" / "asks.js").read_text(encoding="utf-8")
    shipped = json.loads(text[text.index("(") + 1:text.rindex(")")])
    bank = A.bank()
    assert len(bank) >= 800
    lost = sorted({(a.source, a.law, a.article) for a in bank} - _resolved(shipped, bank))
    assert len(shipped["q"]) == len(bank), lost[:20]


def _resolved(shipped, bank):
    questions = set(shipped["q"])
    return {(a.source, a.law, a.article) for a in bank if a.question in questions}
