"""The question bank: everyday questions, each with the article that answers it.

A question people ask in their own words (老人走了留下一堆债，孩子得替他还吗) rarely
shares a word with the article that answers it (继承人以所得遗产实际价值为限清偿被继承人
……债务).  The bank (asks/*.yml, one file a field of law, written and checked against
the articles' text) is written to search/asks.js with each question's article; the
browser compares a whole question with them and lends the best match's similarity
to that article (search.js `lendAsks`).
Measured in docs/decisions/0014."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from pufa.search.text import bigrams, six_bits

BANK = Path(__file__).with_name("asks")


@dataclass(frozen=True)
class Ask:
    law: str          # the law's title, exactly (its H1)
    article: str      # 第一千一百六十一条, as the article begins
    question: str
    source: str       # asks/<file>.yml, for messages


@lru_cache(maxsize=1)
def bank(folder: Path = BANK) -> tuple[Ask, ...]:
    out = []
    for path in sorted(folder.glob("*.yml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            for q in entry.get("asks") or []:
                out.append(Ask(str(entry["law"]).strip(), str(entry["article"]).strip(), str(q).strip(),
                               f"asks/{path.name}"))
    return tuple(out)


def targets(asks, docs, unit_lists) -> tuple[list[tuple[str, int]], list[Ask]]:
    """(question, unit number) for every question whose article this library holds in
    force, numbering units as the concatenated unit lists do; and the questions that
    found no article (a law not imported, or renumbered since the bank was written).
    Only a version in force answers: a superseded text's 第N条 may say something else."""
    first, at = [], 0
    for units in unit_lists:
        first.append(at)
        at += len(units)
    by_title = {}
    for i, d in enumerate(docs):
        if d.answers and d.kind != "case":
            by_title.setdefault(d.title, i)
    labels: dict = {}
    found, missing = [], []
    for a in asks:
        i = by_title.get(a.law)
        if i is None:
            missing.append(a)
            continue
        if i not in labels:
            labels[i] = {u.label: k for k, u in enumerate(unit_lists[i]) if u.anchor.startswith("art-")}
        k = labels[i].get(a.article)
        if k is None:
            missing.append(a)
            continue
        found.append((a.question, first[i] + k))
    return found, missing


def unindexed(questions: list[str], indexed_terms) -> str:
    """Which bigrams of the bank's questions no indexed text has (房子, 老爸, 借钱:
    the law never says them), as bits over the questions' bigrams in code order,
    six to a character (text.six_bits).  Once asks.js has arrived, a query skips
    their shards: a request each that could find nothing (decisions 0013 ⑫).
    `indexed_terms`: every term the shards hold, once (any iterable)."""
    found = dict.fromkeys(set().union(*(bigrams(q) for q in questions)) if questions else (), False)
    for term in indexed_terms:
        if term in found:
            found[term] = True
    return six_bits(not found[p] for p in sorted(found))
