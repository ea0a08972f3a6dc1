"""Build the search index: an impact-ordered, sharded bigram index in small files.

What the browser loads (all under site/search/, all as <script> files so the
search also works from file://):

- ``meta.js``      documents (title, URL, kind, status, unit ranges), the
                   synonym list, question words and the traditional→simplified
                   table: loaded on the first query;
- ``pinyin.js``    pinyin (full and initials) of titles and synonyms: loaded
                   only for queries typed in Latin letters;
- ``t/N.js``       term shards: for each term, the units it occurs in with a
                   quantised BM25 impact, at most ``max_postings`` units per
                   term (the highest impacts): a query loads one shard per term;
- ``u/N.js``       unit blocks: label, anchor and snippet of ``block_size``
                   consecutive units: loaded for the results shown.

A unit is what a result points to: an article of a law, a section of a page.
See docs/decisions/0002-search-engine.md for the measurements behind the numbers.
"""
from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from pufa.search import figures
from pufa.search.text import ALPHABET, fnv1a, shard_term

CJK_LO, CJK_HI = 0x3400, 0x9FFF
SPAN = CJK_HI - CJK_LO + 1                 # 27,648 code points
BIGRAM_BASE = SPAN                         # unigram codes are 0 .. SPAN-1
ASCII_BASE = SPAN + SPAN * SPAN            # then bigrams; then ASCII tokens
_ASCII = re.compile(r"[a-z0-9]+")
_SPACES = re.compile(r"\s+")

KINDS = ("law", "interpretation", "regulation", "case", "guide", "lesson", "qa", "village",
         "history", "campaign", "page", "directory", "document", "rule", "other",
         "local", "elsewhere",     # local regulations: of the site's own region / of another
         "city")                   # …of a city in the site's region (local: the province's own)
STATUSES = ("in-force", "superseded", "repealed", "pending", "expired")   # index = meta.js's code


@dataclass
class Doc:
    title: str               # the page's H1, exactly (the API's `doc`)
    url: str                 # relative to the site root, e.g. laws/xing-fa/xing-fa/
    kind: str = "page"
    status: str = "in-force"     # on the day of the build
    coming: str = ""             # transitions after it (2026-01-01:superseded), read again on the reader's clock
    outdated: bool = False       # a newer text of the same law is in the library: that one ranks first
    # Articles for "刑法第二十条": index of the first article unit within the
    # doc's units, how many, and the keys that break the 1, 2, 3 … sequence.
    first_article: int = -1
    articles: int = 0
    irregular: list = field(default_factory=list)   # [[position, main, sub], …]

    @property
    def answers(self) -> bool:
        """A text questions are answered from: not repealed, and no newer text of it in
        the library (a text revised since the snapshot still answers, marked 已被修改)."""
        return not self.outdated and self.status not in ("repealed", "expired")


@dataclass
class Unit:
    doc: int
    label: str               # 第一千零七十七条, or a section heading, or ""
    anchor: str              # art-1077, a heading id, or "" (top of the page)
    text: str                # what is indexed
    snippet: str = ""        # what is shown (default: the start of text)
    snippet_chars: int = 0   # how much of it is shown (0: Settings.snippet_chars)


@dataclass
class Settings:
    shards: int = 1024
    max_postings: int = 48
    block_size: int = 24
    snippet_chars: int = 40
    k1: float = 1.2
    b: float = 0.75
    # Each unit also keeps its postings for its unit_terms best terms, whatever the
    # terms' other units: without it a long article is found by none of its words
    # (刑事诉讼法 第九十一条 is not among 拘留's best units).  0: only max_postings.
    unit_terms: int = 0
    # A term in at least this share of the units is "common" (see meta's "common").  0: none.
    common_share: float = 0.0
    # Units from this one on are never pruned: the site's own pages (a few hundred
    # units) must stay findable beside 66,000 law articles.  None: prune all.
    keep_units_from: int | None = None


@dataclass
class Stats:
    docs: int = 0
    units: int = 0
    terms: int = 0
    postings: int = 0
    files: int = 0
    bytes: int = 0


UNITS_PER_SHARD = 32


def shard_count(units: int, most: int) -> int:
    """Term shards for an index of this many units: about UNITS_PER_SHARD units' worth of
    postings a shard (3–4 KB gzipped), a power of two, at most `most`.  A small site gets
    a few dozen files, not thousands for its service worker to save; the national library
    gets `most` (4,096: 1.3 KB a shard, so a whole question's dozen shards cost 16 KB,
    not 31 KB as with 2,048), so a query's ten or so shards stay small."""
    n = 16
    while n < most and n * UNITS_PER_SHARD < units:
        n *= 2
    return min(n, most)


def _encode_varints(values: np.ndarray, impacts: np.ndarray) -> tuple[bytes, np.ndarray]:
    """Each (value, impact) as base-64 chars: value in 5-bit groups, low first,
    32 marking 'more follows'; then one char for the impact (0-63).
    Returns the bytes and each pair's end offset."""
    v = values.astype(np.int64)
    groups = np.ones(len(v), dtype=np.int64)
    for bits in (5, 10, 15, 20, 25, 30):
        groups += (v >= (1 << bits)).astype(np.int64)
    width = groups + 1
    ends = np.cumsum(width)
    starts = ends - width
    out = np.zeros(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    for i in range(int(groups.max()) if len(groups) else 0):
        mask = groups > i
        chunk = (v[mask] >> (5 * i)) & 31
        more = (groups[mask] - 1 > i).astype(np.int64) * 32
        out[starts[mask] + i] = chunk | more
    out[starts + groups] = impacts.astype(np.uint8)
    lookup = np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)
    return lookup[out].tobytes(), ends


# A place at the start of a local regulation's title: 北京市, 深圳经济特区, 广东省.
_PLACE = re.compile(r"^(.{2,8}?)(?:特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区|自治州|自治县"
                    r"|经济特区|新区|省|市|县|区|州|盟)")


def places_of(titles: list[str]) -> list[str]:
    """The places other regions' regulations are named by (北京, 深圳): a query
    that names one loads those regulations' titles (elsewhere.js)."""
    found = set()
    for title in titles:
        m = _PLACE.match(title)
        if m and not m.group(1).startswith("关于"):
            found.add(m.group(1))
    return sorted(found)


def doc_columns(docs: list[Doc], starts: list[int]) -> dict:
    """The documents as meta.js carries them, one column each (a third of the
    bytes of a row each): titles one per line, kind and status one character,
    first article, articles, unit counts, and the irregular numberings by
    document.  A law's units are its preamble and its articles (first article
    + articles): "n" holds only the other documents' counts, in order, and "m"
    any law that has more (3,310 of 3,461 documents need no count: 4 KB of
    every first query).  Other regions' titles are left empty (see places_of)."""
    counts = [starts[i + 1] - starts[i] for i in range(len(docs))]
    return {"t": "\n".join("" if d.kind == "elsewhere" else _SPACES.sub(" ", d.title) for d in docs),
            "k": "".join(ALPHABET[KINDS.index(d.kind) if d.kind in KINDS else KINDS.index("page")] for d in docs),
            "s": "".join(ALPHABET[STATUSES.index(d.status) if d.status in STATUSES else 0] for d in docs),
            "n": [n for n, d in zip(counts, docs) if d.first_article < 0],
            "m": {str(i): n for i, (n, d) in enumerate(zip(counts, docs))
                  if d.first_article >= 0 and n != d.first_article + d.articles},
            "f": [d.first_article for d in docs],
            "a": [d.articles for d in docs],
            "x": {str(i): d.irregular for i, d in enumerate(docs) if d.irregular},
            "w": {str(i): d.coming for i, d in enumerate(docs) if d.coming},
            "o": [i for i, d in enumerate(docs) if d.outdated]}


def read_docs(meta: dict) -> list[list]:
    """meta.js's documents as rows [title, "", kind, status, first unit, first
    article, articles(, irregular)], as the browser unpacks them."""
    c = meta["docs"]
    titles = c["t"].split("\n") if c["k"] else []
    rows, start, others = [], 0, iter(c["n"])
    for i, title in enumerate(titles):
        row = [title, "", ALPHABET.index(c["k"][i]), ALPHABET.index(c["s"][i]), start, c["f"][i], c["a"][i]]
        if str(i) in c["x"]:
            row.append(c["x"][str(i)])
        rows.append(row)
        start += next(others) if c["f"][i] < 0 else c["m"].get(str(i), c["f"][i] + c["a"][i])
    return rows


def differences(values: list[int]) -> list[int]:
    """Ascending numbers as their differences (the first as itself): short in JSON."""
    return [v - (values[i - 1] if i else 0) for i, v in enumerate(values)]


def encode_units(units: list[int]) -> str:
    """Ascending unit numbers as base-64 varints of their differences (no impacts)."""
    out, prev = [], 0
    for u in units:
        v, prev = u - prev, u
        while True:
            group, v = v & 31, v >> 5
            out.append(ALPHABET[group | (32 if v else 0)])
            if not v:
                break
    return "".join(out)


def _term_string(code: int, ascii_terms: list[str]) -> str:
    if code < SPAN:
        return chr(CJK_LO + code)
    if code < ASCII_BASE:
        c = code - BIGRAM_BASE
        return chr(CJK_LO + c // SPAN) + chr(CJK_LO + c % SPAN)
    return ascii_terms[code - ASCII_BASE]


# Index text needs only what terms are made of: ASCII letters and digits (full-width
# ones folded, as NFKC would) in lower case; CJK characters are kept as they are.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_FOLD.update({cp: cp - 0xFEE0 + 32 for cp in range(0xFF21, 0xFF3B)})
_FOLD.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})


_NEEDS_FOLD = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5aA-Z]")


def fold(text: str) -> str:
    return text.translate(_FOLD).lower() if _NEEDS_FOLD.search(text) else text


def _fnv_codes(first: np.ndarray, second: np.ndarray | None) -> np.ndarray:
    """FNV-1a (as text.fnv1a) of one- or two-character terms, vectorised."""
    h = np.full(len(first), 0x811C9DC5, dtype=np.uint64)
    for chars in (first, second):
        if chars is None:
            continue
        h ^= chars.astype(np.uint64)
        h = (h * np.uint64(0x01000193)) & np.uint64(0xFFFFFFFF)
    return h


class AsciiTerms:
    """Codes for ASCII terms (12348, app), shared by every part of one index."""

    def __init__(self):
        self.terms: list[str] = []
        self.ids: dict[str, int] = {}

    def code(self, tok: str) -> int:
        code = self.ids.get(tok)
        if code is None:
            code = self.ids[tok] = len(self.terms)
            self.terms.append(tok)
        return ASCII_BASE + code


@dataclass
class Pairs:
    """(term, unit) pairs of some units: sorted unique keys (code << 21 | unit),
    their term frequencies, and the units' lengths in terms."""
    keys: np.ndarray
    tf: np.ndarray
    unit_len: np.ndarray


UNIT_BITS = 21   # up to two million units


# Units are read this many characters at a time: the arrays of one chunk are
# about 40 bytes a character, so a library of any size peaks at ~40 MB here.
CHUNK_CHARS = 1_000_000
TF_BITS = 12     # a pair's term frequency rides in the low bits of its sort key


def term_pairs(units: list[Unit], offset: int = 0, ascii_terms: AsciiTerms | None = None) -> Pairs:
    """The terms of units numbered from `offset`: the expensive, vectorised part.

    Done chunk by chunk (keys of different chunks never collide: their units
    differ), then one sort of all pairs with their frequencies packed in."""
    ascii_terms = ascii_terms if ascii_terms is not None else AsciiTerms()
    if not units:
        return Pairs(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    cap = (1 << TF_BITS) - 1
    packed, lengths, start, size = [], [], 0, 0
    for i, u in enumerate(units):
        size += len(u.text) + 1
        if size >= CHUNK_CHARS or i == len(units) - 1:
            chunk = _chunk_pairs(units[start:i + 1], offset + start, ascii_terms)
            chunk.keys <<= TF_BITS
            chunk.keys |= np.minimum(chunk.tf, cap)
            packed.append(chunk.keys)
            lengths.append(chunk.unit_len)
            start, size = i + 1, 0
    if len(packed) == 1:
        keys = packed.pop()
    else:
        keys = np.empty(sum(len(k) for k in packed), dtype=np.int64)
        at = 0
        while packed:                      # each chunk freed as soon as it is copied
            k = packed.pop(0)
            keys[at:at + len(k)] = k
            at += len(k)
    keys.sort()
    tf = keys & cap
    keys >>= TF_BITS
    return Pairs(keys, tf, np.concatenate(lengths))


@dataclass
class Runs:
    """The pairs of many units as sorted runs, one run a chunk of units, each
    key packed as (code << UNIT_BITS | unit) << TF_BITS | tf.  A run is an array,
    or a file of int64 (a library's runs, written by the worker that made them):
    the index is then made one range of terms at a time, so no step holds all
    pairs at once."""
    parts: list = field(default_factory=list)       # np.ndarray, or (path, length)
    unit_len: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __len__(self) -> int:
        return sum(len(p) if isinstance(p, np.ndarray) else p[1] for p in self.parts)

    def extend(self, other: "Runs") -> "Runs":
        """These pairs, then other's (numbered after these)."""
        return Runs(self.parts + other.parts, np.concatenate((self.unit_len, other.unit_len)))

    def discard(self) -> None:
        for part in self.parts:
            if not isinstance(part, np.ndarray):
                Path(part[0]).unlink(missing_ok=True)
        self.parts = []


def pair_runs(units: list[Unit], offset: int = 0, ascii_terms: AsciiTerms | None = None,
              spill: Path | None = None) -> Runs:
    """term_pairs' work, left as sorted runs (in files under spill, if given)."""
    ascii_terms = ascii_terms if ascii_terms is not None else AsciiTerms()
    cap = (1 << TF_BITS) - 1
    runs, lengths, start, size = Runs(), [], 0, 0
    for i, u in enumerate(units):
        size += len(u.text) + 1
        if size >= CHUNK_CHARS or i == len(units) - 1:
            chunk = _chunk_pairs(units[start:i + 1], offset + start, ascii_terms)
            keys = chunk.keys
            keys <<= TF_BITS                   # (still sorted: keys are unique)
            keys |= np.minimum(chunk.tf, cap)
            if spill is not None:
                path = spill / f".run-{offset}-{len(runs.parts)}.bin"
                keys.tofile(path)
                runs.parts.append((str(path), len(keys)))
            else:
                runs.parts.append(keys)
            lengths.append(chunk.unit_len)
            start, size = i + 1, 0
    runs.unit_len = np.concatenate(lengths) if lengths else np.zeros(0)
    return runs


SLICE_PAIRS = 2_000_000     # pairs scored at a time (about 100 MB at the peak of scoring)
_SHIFT = UNIT_BITS + TF_BITS


def slices(runs: Runs, size: int | None = None):
    """Pairs of the runs, a range of term codes at a time, in code order.  Each
    range holds whole terms (a term's pairs never straddle two)."""
    total, size = len(runs), size or SLICE_PAIRS
    n = max(1, -(-total // size))
    bounds = np.zeros(0, dtype=np.int64)
    if n > 1:
        # Term codes at even steps through a sample of every run: cut points.
        sample = np.concatenate([_read(p, 0, None, stride=512) for p in runs.parts]) >> _SHIFT
        sample.sort()
        bounds = np.unique(sample[(np.arange(1, n) * len(sample)) // n])
    cuts = [_cuts(part, bounds << _SHIFT) for part in runs.parts]
    cap = (1 << TF_BITS) - 1
    for i in range(len(bounds) + 1):
        keys = np.concatenate([_read(part, int(c[i]), int(c[i + 1])) for part, c in zip(runs.parts, cuts)]
                              or [np.zeros(0, dtype=np.int64)])
        keys.sort()
        tf = keys & cap
        keys >>= TF_BITS
        yield Pairs(keys, tf, runs.unit_len)
        del keys, tf                            # (before the next range is read)


def _cuts(part, bounds: np.ndarray) -> np.ndarray:
    if isinstance(part, np.ndarray):
        inner = np.searchsorted(part, bounds)
        return np.concatenate(([0], inner, [len(part)]))
    path, length = part
    if not length:
        return np.zeros(len(bounds) + 2, dtype=np.int64)
    mapped = np.memmap(path, dtype=np.int64, mode="r", shape=(length,))   # (a binary search reads a few pages)
    inner = np.searchsorted(mapped, bounds)
    del mapped
    return np.concatenate(([0], inner, [length]))


def _read(part, lo: int, hi: int | None, stride: int = 1) -> np.ndarray:
    if isinstance(part, np.ndarray):
        return part[lo:hi:stride].copy()
    path, length = part
    hi = length if hi is None else hi
    if stride > 1:
        mapped = np.memmap(path, dtype=np.int64, mode="r", shape=(length,)) if length else np.zeros(0, np.int64)
        out = np.array(mapped[lo:hi:stride])
        del mapped
        return out
    with open(path, "rb") as f:                 # read, not mapped: the pages are not kept
        f.seek(lo * 8)
        return np.fromfile(f, dtype=np.int64, count=hi - lo)


def _chunk_pairs(units: list[Unit], offset: int, ascii_terms: AsciiTerms) -> Pairs:
    texts = [fold(u.text) for u in units]
    joined = "\n".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int32)
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))

    cjk = (codes >= CJK_LO) & (codes <= CJK_HI)
    rel = codes - CJK_LO
    pos_bi = np.nonzero(cjk[:-1] & cjk[1:])[0]
    bi_codes = (rel[:-1] * SPAN + rel[1:])[pos_bi].astype(np.int64) + BIGRAM_BASE   # < 2**31
    prev = np.concatenate(([False], cjk[:-1]))
    nxt = np.concatenate((cjk[1:], [False]))
    pos_uni = np.nonzero(cjk & ~prev & ~nxt)[0]

    # ASCII tokens are few: found with a regex over the joined text.
    a_pos, a_codes = [], []
    for m in _ASCII.finditer(joined):
        tok = m.group(0)
        if len(tok) < 2 and not tok.isdigit():
            continue
        a_pos.append(m.start())
        a_codes.append(ascii_terms.code(tok))

    term_pos = np.concatenate((pos_bi, pos_uni, np.array(a_pos, dtype=np.int64)))
    term_codes = np.concatenate((bi_codes, rel[pos_uni].astype(np.int64), np.array(a_codes, dtype=np.int64)))
    unit_at = np.repeat(np.arange(offset, offset + len(texts), dtype=np.int64), lengths)
    unit_of = unit_at[term_pos]
    unit_len = np.bincount(unit_of - offset, minlength=len(texts)).astype(np.float64)

    # One sort of (term, unit) keys groups postings by term with units ascending;
    # run lengths give tf.
    keys = (term_codes << UNIT_BITS) | unit_of
    keys.sort()
    edge = np.concatenate(([True], keys[1:] != keys[:-1]))
    first_idx = np.nonzero(edge)[0]
    tf = np.diff(np.concatenate((first_idx, [len(keys)])))
    return Pairs(keys[first_idx], tf, unit_len)


def merge(first: Pairs, then: Pairs) -> Pairs:
    """Pairs of two unit ranges, the second numbered after the first.

    `first` is consumed: its arrays are packed and freed on the way, so merging
    the site's pages into a library's pairs holds them about twice, not four times."""
    if not len(then.keys):
        return first
    cap = (1 << TF_BITS) - 1
    first.keys <<= TF_BITS
    first.keys |= np.minimum(first.tf, cap, out=first.tf)
    first.tf = None
    keys = np.concatenate((first.keys, (then.keys << TF_BITS) | np.minimum(then.tf, cap)))
    first.keys = None
    keys.sort()
    tf = keys & cap
    keys >>= TF_BITS
    return Pairs(keys, tf, np.concatenate((first.unit_len, then.unit_len)))


def score(pairs: Pairs, settings: Settings, phrases: dict | None = None, ascii_terms: AsciiTerms | None = None):
    """BM25 impacts, each term keeping its max_postings best units.
    Returns (term codes, term of each posting, unit, impact), grouped by term;
    with `phrases`, also their precomputed postings (see phrase_postings)."""
    n_units = len(pairs.unit_len)
    avgdl = float(pairs.unit_len.mean()) if n_units else 1.0
    uniq_codes, t_first, df, p_unit, impact, sel = _score_terms(pairs, settings, avgdl)
    extra = {}
    if phrases:
        def lookup(code):
            i = int(np.searchsorted(uniq_codes, code))
            if i >= len(uniq_codes) or uniq_codes[i] != code:
                return None
            lo, hi = int(t_first[i]), int(t_first[i] + df[i])
            return p_unit[lo:hi], impact[lo:hi]
        extra = phrase_postings(phrases, lookup, ascii_terms, settings)
    term_of = np.repeat(np.arange(len(uniq_codes), dtype=np.int32), df)[sel]
    if phrases is not None:
        return uniq_codes, term_of, p_unit[sel], impact[sel], extra
    return uniq_codes, term_of, p_unit[sel], impact[sel]


def unit_floors(parts, settings: Settings, avgdl: float, n_units: int) -> np.ndarray | None:
    """Per unit, the impact of its unit_terms-th best term (document-centric pruning:
    a posting at least this strong is kept).  `parts`: the pairs, a range of terms
    at a time (the same the index is then made from)."""
    k = settings.unit_terms
    if not k or not n_units:
        return None
    best = np.zeros((n_units, k), dtype=np.float32)      # (float32: this runs beside the index's memory)
    for part in parts:
        _, _, _, p_unit, impact, _ = _score_terms(part, settings, avgdl)
        del part
        if not len(p_unit):
            continue
        # By unit, strongest first (one integer sort: impacts are positive, so their
        # float32 bits order as they do).
        imps = impact.astype(np.float32)
        del impact
        key = p_unit.astype(np.int64) << 31
        key |= 0x7FFFFFFF - imps.view(np.int32)
        order = np.argsort(key, kind="stable")
        del key
        units, imps = p_unit[order], imps[order]
        del order, p_unit
        starts = np.concatenate(([True], units[1:] != units[:-1]))
        rank = np.arange(len(units))
        rank -= np.maximum.accumulate(np.where(starts, rank, 0))
        top = rank < k
        both = np.zeros((n_units, 2 * k), dtype=np.float32)
        both[:, :k] = best
        both[units[top], k + rank[top]] = imps[top]
        del units, imps, rank, top, starts
        both.partition(k, axis=1)
        best = both[:, k:].copy()
        del both
    # (a hair lower: the index compares float64 impacts with these float32 ones)
    return best.min(axis=1).astype(np.float64) * (1 - 1e-6)


def _score_terms(pairs: Pairs, settings: Settings, avgdl: float, floors: np.ndarray | None = None):
    """The BM25 impact of every pair of whole terms (n_units and avgdl are the
    whole index's), and which pairs each term keeps: (codes, first pair of each
    term, df, unit, impact, kept pair indices)."""
    # In place where it can be: a library's pairs are tens of millions (the
    # arithmetic is the same, in the same order, as idf * tf * (k1 + 1) / (tf + norm)).
    p_unit = (pairs.keys & ((1 << UNIT_BITS) - 1)).astype(np.int32)
    p_code = pairs.keys >> UNIT_BITS
    tf = pairs.tf
    n_units = len(pairs.unit_len)
    t_edge = np.concatenate(([True], p_code[1:] != p_code[:-1])) if len(p_code) else np.zeros(0, dtype=bool)
    t_first = np.nonzero(t_edge)[0]
    df = np.diff(np.concatenate((t_first, [len(p_code)])))
    uniq_codes = p_code[t_first]
    del p_code
    term_of = np.cumsum(t_edge, dtype=np.int32) - 1
    del t_edge

    idf = np.log(1 + (n_units - df + 0.5) / (df + 0.5))
    k1, b = settings.k1, settings.b
    norm = pairs.unit_len[p_unit]
    norm *= b
    norm /= avgdl
    norm += 1 - b
    norm *= k1
    norm += tf
    impact = idf[term_of]
    del term_of
    impact *= tf
    impact *= k1 + 1
    impact /= norm
    del norm

    k = settings.max_postings
    keep = np.ones(len(p_unit), dtype=bool)
    for t in np.nonzero(df > k)[0].tolist():
        lo, hi = int(t_first[t]), int(t_first[t] + df[t])
        keep[lo:hi] = False
        keep[lo + np.argpartition(-impact[lo:hi], k)[:k]] = True
    if floors is not None:
        keep |= impact >= floors[p_unit]
    if settings.keep_units_from is not None:
        keep |= p_unit >= settings.keep_units_from
    return uniq_codes, t_first, df, p_unit, impact, np.nonzero(keep)[0]   # still grouped by term, units ascending


def term_code(term: str, ascii_terms: AsciiTerms | None) -> int | None:
    """The code of one term (as term_pairs numbers them), or None if unknown."""
    if len(term) == 2 and all(CJK_LO <= ord(c) <= CJK_HI for c in term):
        return BIGRAM_BASE + (ord(term[0]) - CJK_LO) * SPAN + ord(term[1]) - CJK_LO
    if len(term) == 1 and CJK_LO <= ord(term) <= CJK_HI:
        return ord(term) - CJK_LO
    if ascii_terms is not None and term in ascii_terms.ids:
        return ASCII_BASE + ascii_terms.ids[term]
    return None


def phrase_terms(phrases: dict, ascii_terms) -> set:
    """The term codes phrase_postings will look up."""
    from pufa.search.text import terms as split_terms

    out = set()
    for texts in phrases.values():
        for text in texts:
            for t in split_terms(text):
                code = term_code(t, ascii_terms)
                if code is not None:
                    out.add(code)
    return out


def phrase_postings(phrases: dict, lookup, ascii_terms, settings) -> dict:
    """Postings of whole phrases, computed here over the full (unpruned) index
    (`lookup(code)`: a term's units and impacts, or None).

    `phrases` maps a name (a synonym key such as 醉驾) to phrases (醉酒驾驶,
    危险驾驶): a unit scores, per phrase, the sum of its terms' impacts times
    how much of the phrase it covers (as search.js does), the best phrase
    counting.  The browser then loads one entry for the whole expansion instead
    of one shard per term of every phrase.  Returns {name: (units, scores)}."""
    from pufa.search.text import terms as split_terms

    out = {}
    k = settings.max_postings
    for name, texts in phrases.items():
        best: dict = {}
        for text in texts:
            ts = list(dict.fromkeys(split_terms(text)))
            if not ts:
                continue
            units_parts, imp_parts = [], []
            for t in ts:
                code = term_code(t, ascii_terms)
                found = lookup(code) if code is not None else None
                if found is None:
                    continue
                units_parts.append(found[0])
                imp_parts.append(found[1])
            if not units_parts:
                continue
            units = np.concatenate(units_parts)
            imps = np.concatenate(imp_parts)
            uniq, inv = np.unique(units, return_inverse=True)
            sums = np.bincount(inv, weights=imps)
            cover = np.bincount(inv) / len(ts)
            scores = sums * (0.25 + 0.75 * cover * cover)
            # Units that hold most of the phrase; a single shared bigram is noise.
            keep = cover >= 0.5
            for u, sc in zip(uniq[keep].tolist(), scores[keep].tolist()):
                if sc > best.get(u, 0.0):
                    best[u] = sc
        if not best:
            continue
        units = np.fromiter(best.keys(), dtype=np.int64, count=len(best))
        scores = np.fromiter(best.values(), dtype=np.float64, count=len(best))
        if len(units) > k:
            top = np.argpartition(-scores, k)[:k]
            units, scores = units[top], scores[top]
        order = np.argsort(units)
        out[name] = (units[order], scores[order])
    return out


def postings(units: list[Unit], settings: Settings):
    """All in one: (term codes, term of each posting, unit, impact, ascii terms)."""
    ascii_terms = AsciiTerms()
    codes, term_of, p_unit, impact = score(term_pairs(units, 0, ascii_terms), settings)
    return codes, term_of, p_unit, impact, ascii_terms.terms


def term_shards(codes: np.ndarray, ascii_terms: list[str], shards: int) -> np.ndarray:
    """The shard of each term code (FNV-1a of its text, as search.js computes it)."""
    out = np.zeros(len(codes), dtype=np.int64)
    uni = codes < SPAN
    bi = (codes >= BIGRAM_BASE) & (codes < ASCII_BASE)
    out[uni] = (_fnv_codes(codes[uni] + CJK_LO, None) % shards).astype(np.int64)
    c = codes[bi] - BIGRAM_BASE
    out[bi] = (_fnv_codes(c // SPAN + CJK_LO, c % SPAN + CJK_LO) % shards).astype(np.int64)
    for i in np.nonzero(codes >= ASCII_BASE)[0]:
        out[i] = fnv1a(ascii_terms[int(codes[i]) - ASCII_BASE]) % shards
    return out


SCALE_LO, SCALE_HI = 1e-3, 1e3


def encode_scales(values: np.ndarray) -> list[str]:
    """Positive floats as two base-64 chars on a log scale (0.3 % steps)."""
    span = np.log(SCALE_HI) - np.log(SCALE_LO)
    q = np.clip(np.rint((np.log(np.clip(values, SCALE_LO, SCALE_HI)) - np.log(SCALE_LO)) / span * 4095), 0, 4095)
    q = q.astype(np.int64)
    return [ALPHABET[v >> 6] + ALPHABET[v & 63] for v in q.tolist()]


def decode_scale(code: str) -> float:
    v = ALPHABET.index(code[0]) * 64 + ALPHABET.index(code[1])
    span = np.log(SCALE_HI) - np.log(SCALE_LO)
    return float(np.exp(np.log(SCALE_LO) + v / 4095 * span))


def _js(call: str, *args) -> bytes:
    text = f"pufaSearch.{call}(" + ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":"))
                                         for a in args) + ");\n"
    return text.encode("utf-8")


class _Writer:
    """Writes many small files on a few threads: creating files, not Python, is
    the slow part on most disks (about 0.5 ms a file here)."""

    def __init__(self):
        self.pool = ThreadPoolExecutor(max_workers=8)
        self.jobs = []
        self.bytes = 0
        self.files = 0

    def write(self, path: Path, data: bytes) -> None:
        self.bytes += len(data)
        self.files += 1
        self.jobs.append(self.pool.submit(path.write_bytes, data))

    def close(self) -> None:
        for job in self.jobs:
            job.result()
        self.pool.shutdown()


def _shard_entries(shards: list, codes, term_idx, p_unit, impact, ascii_terms: AsciiTerms, settings: Settings) -> None:
    """Each term's kept postings as a "term:SSpostings" entry of its shard (SS:
    the term's highest impact on a log scale); no JSON keys, no quotes."""
    if not len(p_unit):
        return
    # Per-term scale and quantised impacts.
    new_term = np.concatenate(([True], term_idx[1:] != term_idx[:-1]))
    bounds = np.nonzero(new_term)[0]
    max_imp = np.zeros(len(codes))
    max_imp[term_idx[bounds]] = np.maximum.reduceat(impact, bounds)
    q = np.clip(np.rint(63 * impact / max_imp[term_idx]), 1, 63).astype(np.int64)
    # Delta-encode units within each term.
    deltas = p_unit - np.concatenate(([0], p_unit[:-1]))
    deltas[new_term] = p_unit[new_term]
    encoded, ends = _encode_varints(deltas, q)
    text = encoded.decode("ascii")
    term_ends = np.concatenate((bounds[1:], [len(p_unit)])) - 1
    char_start = np.concatenate(([0], ends[:-1]))[bounds]
    char_end = ends[term_ends]
    present = term_idx[bounds]
    shard_of_term = term_shards(codes, ascii_terms.terms, settings.shards).tolist()
    scale_codes = encode_scales(max_imp)
    for t, a, z in zip(present.tolist(), char_start.tolist(), char_end.tolist()):
        term = _term_string(int(codes[t]), ascii_terms.terms)
        shards[shard_of_term[t]].append(f"{term}:{scale_codes[t]}{text[a:z]}")


class IndexWriter:
    """Writes one index into `out`, in two steps: unit blocks as soon as their
    units are known (laws: early, on a worker thread), the rest at the end."""

    def __init__(self, out: Path, settings: Settings | None = None):
        self.out = out
        self.settings = settings or Settings()
        (out / "t").mkdir(parents=True, exist_ok=True)
        (out / "u").mkdir(parents=True, exist_ok=True)
        (out / "f").mkdir(parents=True, exist_ok=True)
        self.writer = _Writer()
        self.blocks_done = 0          # blocks 0 .. blocks_done-1 are written
        self.figures: dict = {k: [] for k in figures.KINDS}   # kind -> units stating one
        # name -> bytes, written with meta.js; or a function of the terms the shards
        # hold (an iterator over them, called once they are known: asks.js marks the
        # bank's unindexed bigrams).
        self.extra_files: dict = {}

    def blocks(self, units: list[Unit], final: bool, docs: list[Doc]) -> None:
        """Write the blocks of units[blocks_done*B:]; only complete ones unless final.
        A block also carries the URLs of its units' documents, and the titles of
        other regions' regulations: not meta.js, which every first query loads whole."""
        size = self.settings.block_size
        total = len(units) // size if not final else (len(units) + size - 1) // size
        for n in range(self.blocks_done, total):
            rows = []
            in_block = list(dict.fromkeys(u.doc for u in units[n * size:(n + 1) * size]))
            doc_urls = {str(d): docs[d].url for d in in_block}
            titles = {str(d): docs[d].title for d in in_block if docs[d].kind == "elsewhere"}
            for unit_no, u in enumerate(units[n * size:(n + 1) * size], n * size):
                snippet = _SPACES.sub(" ", u.snippet or u.text).strip()[: u.snippet_chars or self.settings.snippet_chars]
                # Article labels and anchors (第一千零七十七条, art-1077) are rebuilt
                # in the browser from the document's article numbering in meta.js.
                is_article = u.anchor.startswith("art-")
                row = ["" if is_article else u.label, snippet]
                if u.anchor and not is_article:
                    row.append(u.anchor)
                body = _SPACES.sub(" ", u.snippet or u.text).strip()
                found = figures.kinds(body)
                if found:
                    for kind in found:
                        self.figures[kind].append(unit_no)
                    # (a figure cut off at the snippet's end is not shown either)
                    extra = figures.clip(body, len(snippet) if len(snippet) >= len(body) else len(snippet) - 4)
                    if extra:
                        row += [""] * (3 - len(row)) + [extra]
                rows.append(row)
            self.writer.write(self.out / "u" / f"{n}.js", _js("u", n, rows, doc_urls, *([titles] if titles else [])))
        self.blocks_done = max(self.blocks_done, total)

    def finish(self, docs: list[Doc], units: list[Unit], pairs: Pairs, ascii_terms: AsciiTerms,
               extra: dict | None = None, pinyin: list | None = None,
               phrases: dict | None = None) -> Stats:
        settings, out, writer = self.settings, self.out, self.writer
        settings = replace(settings, shards=shard_count(len(units), settings.shards))
        stats = Stats(docs=len(docs), units=len(units))
        # Units must be grouped by document, in document order.
        starts = [0] * (len(docs) + 1)
        for u in units:
            starts[u.doc + 1] += 1
        for i in range(len(docs)):
            starts[i + 1] += starts[i]
        shards_count = settings.shards if units else 0

        if units:
            runs = pairs if isinstance(pairs, Runs) else None
            unit_len = runs.unit_len if runs is not None else pairs.unit_len
            avgdl = float(unit_len.mean()) if len(unit_len) else 1.0
            wanted = phrase_terms(phrases or {}, ascii_terms)
            found: dict = {}             # phrase term code -> (units, impacts), unpruned
            shards: list[list[str]] = [[] for _ in range(settings.shards)]
            common: list[str] = []
            floors = unit_floors(slices(runs) if runs is not None else [pairs], settings, avgdl, len(unit_len))
            for part in (slices(runs) if runs is not None else [pairs]):
                codes, t_first, df, p_unit, impact, sel = _score_terms(part, settings, avgdl, floors)
                del part
                for i in np.nonzero(np.isin(codes, np.fromiter(wanted, dtype=np.int64, count=len(wanted))))[0]:
                    lo, hi = int(t_first[i]), int(t_first[i] + df[i])
                    found[int(codes[i])] = (p_unit[lo:hi].copy(), impact[lo:hi].copy())
                term_idx = np.repeat(np.arange(len(codes), dtype=np.int32), df)[sel]
                stats.terms += len(codes)
                stats.postings += len(sel)
                if settings.common_share:
                    # (and in thirty times the units a term keeps: a small site has no such terms)
                    everywhere = df >= max(settings.max_postings * 30, settings.common_share * len(unit_len))
                    common += [_term_string(int(c), ascii_terms.terms) for c in codes[everywhere].tolist()]
                _shard_entries(shards, codes, term_idx, p_unit[sel], impact[sel], ascii_terms, settings)
                del p_unit, impact, sel, term_idx
            if runs is not None:
                runs.discard()
            phrase_lists = phrase_postings(phrases or {}, found.get, ascii_terms, settings)
            # Whole expansions (synonym keys) as entries named "#key", in the shard
            # of the key's first term (text.shard_term): one request for 醉驾's
            # 醉酒驾驶/危险驾驶 instead of six, and none beyond the query's own words.
            for name, (p_units, p_scores) in phrase_lists.items():
                entry = "#" + name
                if " " in entry or ":" in entry:
                    continue
                scale = float(p_scores.max())
                q_ph = np.clip(np.rint(63 * p_scores / scale), 1, 63).astype(np.int64)
                d_ph = p_units - np.concatenate(([0], p_units[:-1]))
                data, _ = _encode_varints(d_ph, q_ph)
                shards[fnv1a(shard_term(entry)) % settings.shards].append(
                    f"{entry}:{encode_scales(np.array([scale]))[0]}{data.decode('ascii')}")
            for n, entries in enumerate(shards):
                writer.write(out / "t" / f"{n}.js", _js("t", n, " ".join(entries)))
            self.blocks(units, final=True, docs=docs)
            # Units that state a figure of each kind (delta-encoded, no impacts).
            for kind, listed in self.figures.items():
                writer.write(out / "f" / f"{kind}.js", _js("f", kind, encode_units(sorted(set(listed)))))

        meta = {
            "v": 1,
            "shards": shards_count,
            "block": settings.block_size,
            "kinds": list(KINDS),
            "statuses": list(STATUSES),
            # (a document's URL is in the blocks of its units, not here)
            "docs": doc_columns(docs, starts),
            "units": len(units),
            "fig": [k for k in figures.KINDS] if units else [],
            # Terms in so many units that their few kept postings say nothing: a query
            # does not load them (one request less each) unless it has nothing else.
            "common": sorted(common) if units else [],
        }
        elsewhere = [i for i, d in enumerate(docs) if d.kind == "elsewhere"]
        if elsewhere:
            meta["places"] = places_of([docs[i].title for i in elsewhere])
            writer.write(out / "elsewhere.js", _js("elsewhere", {
                "d": differences(elsewhere), "t": "\n".join(_SPACES.sub(" ", docs[i].title) for i in elsewhere)}))
        meta.update(extra or {})
        writer.write(out / "meta.js", _js("meta", meta))
        writer.write(out / "pinyin.js", _js("pinyin", pinyin or []))
        for name, data in self.extra_files.items():
            if callable(data):      # (an iterator, not a set of 275,000 terms: 22 MB of peak memory)
                data = data(e[:e.index(":")] for entries in (shards if units else []) for e in entries)
            writer.write(out / name, data)
        writer.close()
        stats.bytes, stats.files = writer.bytes, writer.files
        return stats


def build(docs: list[Doc], units: list[Unit], out: Path, extra: dict | None = None,
          pinyin: list | None = None, settings: Settings | None = None,
          phrases: dict | None = None) -> Stats:
    """The whole index in one call (tests, small sites)."""
    ascii_terms = AsciiTerms()
    index = IndexWriter(out, settings)
    return index.finish(docs, units, term_pairs(units, 0, ascii_terms), ascii_terms, extra, pinyin,
                        phrases)
