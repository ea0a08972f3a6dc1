"""新旧对照: two versions of a law, article by article.

Articles are matched by their text, not their number: a revision renumbers
(行政复议法 2023 moved most of 2017's articles), so 第N条 of one version is
rarely 第N条 of the other.

1. identical texts pair first (the nearest in position when a text repeats);
2. the rest pair by similarity (the Dice coefficient of their character
   bigrams), best first, a little in favour of keeping the order, above a floor
   below which two articles share phrasing but not substance;
3. what is left is added (new only) or deleted (old only).

Each pair is then compared item by item (款, 项: the article's paragraphs),
and inside a changed item character by character, for <del>/<ins>.

Plain module: no MkDocs.  Also used by `pufa check` to name the article a
citation moved to.
"""
from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field

from pufa.laws.corpus import Article, LawDoc

SAME, RENUMBERED, CHANGED, ADDED, DELETED = "same", "renumbered", "changed", "added", "deleted"
KIND_LABELS = {SAME: "未改动", RENUMBERED: "条号变动，内容未改", CHANGED: "有修改", ADDED: "新增", DELETED: "删除"}

# Below this similarity two articles are different provisions (measured on the
# three test pairs: renumbered-and-edited articles score 0.45–0.95, unrelated
# ones of the same law under 0.35).
FLOOR = 0.45
ORDER_WEIGHT = 0.15

_SPACE = re.compile(r"\s+")


@dataclass
class Pair:
    old: Article | None
    new: Article | None
    kind: str
    similarity: float = 1.0


@dataclass
class Comparison:
    pairs: list[Pair] = field(default_factory=list)        # in the new version's order, deletions where they stood

    def count(self, kind: str) -> int:
        return sum(1 for p in self.pairs if p.kind == kind)

    def new_key_for(self, old_key) -> tuple[Pair | None]:
        """The pair holding the old version's article `old_key` (None if it has none)."""
        return next((p for p in self.pairs if p.old is not None and p.old.key == old_key), None)

    def pair_for_new(self, new_key) -> Pair | None:
        return next((p for p in self.pairs if p.new is not None and p.new.key == new_key), None)


def normal(text: str) -> str:
    return _SPACE.sub("", text)


def _bigrams(text: str) -> set:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def similarity(a: str, b: str) -> float:
    x, y = _bigrams(normal(a)), _bigrams(normal(b))
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def compare(old: LawDoc, new: LawDoc) -> Comparison:
    olds, news = old.articles, new.articles
    matched_old: dict[int, int] = {}           # old index -> new index
    used_new: set[int] = set()

    # 1. Identical texts.
    by_text: dict[str, list[int]] = {}
    for j, a in enumerate(news):
        by_text.setdefault(normal(a.text), []).append(j)
    for i, a in enumerate(olds):
        candidates = [j for j in by_text.get(normal(a.text), []) if j not in used_new]
        if candidates:
            j = min(candidates, key=lambda j: abs(j / max(len(news), 1) - i / max(len(olds), 1)))
            matched_old[i] = j
            used_new.add(j)

    # 2. Similar texts, best first (an inverted index keeps it to pairs sharing words).
    rest_old = [i for i in range(len(olds)) if i not in matched_old]
    rest_new = [j for j in range(len(news)) if j not in used_new]
    grams_new = {j: _bigrams(normal(news[j].text)) for j in rest_new}
    postings: dict[str, list[int]] = {}
    for j, grams in grams_new.items():
        for g in grams:
            postings.setdefault(g, []).append(j)
    scored = []
    for i in rest_old:
        grams = _bigrams(normal(olds[i].text))
        shared: dict[int, int] = {}
        for g in grams:
            for j in postings.get(g, ()):
                shared[j] = shared.get(j, 0) + 1
        for j, n in shared.items():
            sim = 2 * n / (len(grams) + len(grams_new[j]))
            if sim < FLOOR:
                continue
            drift = abs(j / max(len(news), 1) - i / max(len(olds), 1))
            scored.append((sim - ORDER_WEIGHT * drift, sim, i, j))
    scored.sort(reverse=True)
    sims: dict[int, float] = {}
    for _, sim, i, j in scored:
        if i in matched_old or j in used_new:
            continue
        matched_old[i] = j
        used_new.add(j)
        sims[i] = sim

    # 3. In the new version's order; a deleted article goes after the new article
    #    its old predecessor became (or first, if it had none).
    new_of_old = matched_old
    old_of_new = {j: i for i, j in new_of_old.items()}
    deleted_after: dict[int, list[int]] = {}
    last_new = -1
    for i in range(len(olds)):
        if i in new_of_old:
            last_new = new_of_old[i]
        else:
            deleted_after.setdefault(last_new, []).append(i)
    pairs = [Pair(olds[i], None, DELETED, 0.0) for i in deleted_after.get(-1, [])]
    for j, article in enumerate(news):
        i = old_of_new.get(j)
        if i is None:
            pairs.append(Pair(None, article, ADDED, 0.0))
        else:
            o = olds[i]
            if normal(o.text) == normal(article.text):
                kind = SAME if o.key == article.key else RENUMBERED
                pairs.append(Pair(o, article, kind, 1.0))
            else:
                pairs.append(Pair(o, article, CHANGED, sims.get(i, similarity(o.text, article.text))))
        pairs.extend(Pair(olds[k], None, DELETED, 0.0) for k in deleted_after.get(j, []))
    return Comparison(pairs)


def comparison_src(newest, older) -> str:
    """laws/…/xing-zheng-fu-yi-fa/dui-zhao-2017-09-01.md: the 新旧对照 page of an older
    version (against the version after it), under the newest version's address."""
    when = older.version.isoformat() if older.version else older.src_uri.rsplit("/", 1)[-1][:-3]
    return f"{newest.src_uri[:-3]}/dui-zhao-{when}.md"


# -- HTML ------------------------------------------------------------------------
# One column, the way a 修改对照 is read: common text plain, what the new text
# dropped in <del>, what it added in <ins>.  Two columns carried both texts and
# made the 80 pages of the national library 6.9 MB; this carries each word once
# (docs/decisions/0015).

# An unchanged run this short between two changes is folded into them: a diff
# of Chinese text otherwise keeps single shared characters (公司股东<del>依法享</del>有
# <del>资产收益…</del>), which no reader can follow.
SHORT_EQUAL = 3
# Two items less alike than this are shown as one removed and one added.
ITEM_FLOOR = 0.3


def _segments(old: str, new: str) -> list[tuple[str, str, str]]:
    """(op, old piece, new piece) with op "=" or "~"; short equal runs between changes folded."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    segs: list[list] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        kind = "=" if op == "equal" else "~"
        if segs and segs[-1][0] == kind == "~":
            segs[-1][1] += old[i1:i2]
            segs[-1][2] += new[j1:j2]
        else:
            segs.append([kind, old[i1:i2], new[j1:j2]])
    out: list[list] = []
    k = 0
    while k < len(segs):
        seg = segs[k]
        fold = (seg[0] == "=" and out and out[-1][0] == "~" and k + 1 < len(segs)
                and len(seg[1]) <= SHORT_EQUAL)
        if fold:
            nxt = segs[k + 1]
            out[-1][1] += seg[1] + nxt[1]
            out[-1][2] += seg[2] + nxt[2]
            k += 2
            continue
        out.append(seg)
        k += 1
    return [tuple(s) for s in out]


def redline(old: str, new: str) -> str:
    """One item, escaped: removed characters in <del>, added in <ins>, the rest plain."""
    parts = []
    for op, a, b in _segments(old, new):
        if op == "=":
            parts.append(html.escape(a, quote=False))
            continue
        if a:
            parts.append(f"<del>{html.escape(a, quote=False)}</del>")
        if b:
            parts.append(f"<ins>{html.escape(b, quote=False)}</ins>")
    return "".join(parts)


def items_html(old: Article | None, new: Article | None) -> list[str]:
    """The article's items (款, 项) in one column, aligned item by item: an item
    added or removed whole is marked whole, a changed one character by character."""
    olds = old.paragraphs if old else []
    news = new.paragraphs if new else []
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, [normal(p) for p in olds], [normal(p) for p in news], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [html.escape(p, quote=False) for p in news[j1:j2]]
            continue
        a, b = olds[i1:i2], news[j1:j2]
        for k in range(max(len(a), len(b))):
            if k < len(a) and k < len(b) and similarity(a[k], b[k]) >= ITEM_FLOOR:
                out.append(redline(a[k], b[k]))
            elif k < len(a) and k < len(b):
                # Rewritten, not edited: a character diff of two different sentences is noise.
                out.append(f"<del>{html.escape(a[k], quote=False)}</del>")
                out.append(f"<ins>{html.escape(b[k], quote=False)}</ins>")
            elif k < len(a):
                out.append(f"<del>{html.escape(a[k], quote=False)}</del>")
            else:
                out.append(f"<ins>{html.escape(b[k], quote=False)}</ins>")
    return out
