"""Every citation in the sample site, run against its law library: the article
exists, in a text that is in force today.  Sample content is what bureaus copy."""
from __future__ import annotations

from conftest import ROOT
from pufa import engine
from pufa.content.frontmatter import prose_lines
from pufa.laws import citations as C
from pufa.laws.checks import CITATION_FIELDS
from pufa.laws.library import IN_FORCE
from pufa.laws.render import resolve


def sample_citations():
    model, _ = engine.load(ROOT)
    lib = model.laws
    for rel, fm in sorted(model.index.pages.items()):
        texts = [(n + fm.body_line, line) for n, line in prose_lines(fm.body)]
        for key in CITATION_FIELDS:
            values = fm.data.get(key)
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, str):
                    texts.append((fm.lines.get(key), value))
        for line, text in texts:
            for cite in C.find(text, lib.title_for):
                yield lib, f"content/{rel}:{line}", text[cite.start:cite.end], cite


def test_every_sample_citation_names_an_article_in_force():
    checked, wrong = 0, []
    for lib, where, written, cite in sample_citations():
        res = resolve(lib, cite)
        checked += 1
        if res.problem or res.entry is None or res.article is None:
            wrong.append(f"{where} {written}：{res.message}")
        elif res.entry.status != IN_FORCE:
            wrong.append(f"{where} {written}：{res.entry.title} 的状态是 {res.entry.status_label}")
    assert checked > 350, checked          # the sample cites laws throughout (362 when issue 17 was filed)
    assert wrong == [], "\n".join(wrong)


def test_the_sample_site_checks_without_citation_findings():
    model, _ = engine.load(ROOT)
    found = [f for f in model.findings if (f.code or "").startswith("cite.")]
    assert found == [], "\n".join(f"{f.file}:{f.line} {f.message}" for f in found)
