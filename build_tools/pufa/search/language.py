"""What the search understands beyond bigrams: synonyms, question words,
traditional characters and pinyin.  Built into meta.js and pinyin.js."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from pufa import filecache, yamlio
from pufa.findings import ERROR, Finding
from pufa.search.text import six_bits

BUILTIN_SYNONYMS = Path(__file__).with_name("synonyms.yml")
SITE_SYNONYMS = "_synonyms.yml"      # in content/: staff's own additions

# Dropped from queries: they say how people ask, not what they ask about.
QUESTION_WORDS = (
    "怎么办", "怎么样", "怎么处理", "怎么算", "怎么弄", "怎么告", "怎么", "如何", "咋办", "咋整", "咋",
    "可以吗", "可不可以", "能不能", "能否", "行不行", "是不是", "有没有", "要不要", "会不会",
    "该不该", "应不应该", "需要什么", "需要哪些", "要什么", "有哪些", "是什么", "什么", "哪些", "哪里",
    "多少钱", "多少", "多久", "几年", "为什么", "吗", "呢", "吧", "啊", "呀", "了", "的话",
    "请问", "我想问", "我想", "我的", "我们", "我家", "我",
)

# Words that make a query a question someone needs answered (离婚后孩子归谁, 工资被拖欠怎么办):
# such queries favour Q&A pages (search.js).  A subset of the above plus 谁 and 是否, which stay
# in the query because they also narrow it.
ASKING_WORDS = (
    "怎么办", "怎么", "如何", "咋", "吗", "可以吗", "可不可以", "能不能", "能否", "行不行", "是不是",
    "有没有", "要不要", "会不会", "该不该", "应不应该", "什么", "哪些", "哪里", "多少", "多久",
    "为什么", "谁", "是否",
)

# Asking how to reach someone (法律援助中心电话, 公证处在哪, 找律师): said at the end of the
# query, or 找 at its start.  Removed from the query; directory entries are favoured.
CONTACT_WORDS = (
    "电话号码", "联系电话", "联系方式", "电话", "地址", "在哪里", "在哪儿", "在哪", "怎么走",
    "怎么去", "办公时间", "上班时间", "几点上班",
)
CONTACT_LEADS = ("我想找", "我要找", "想找", "哪里有", "哪有", "找")
# ... but only about a place or a person (法律援助中心电话), not 骚扰电话 or 诈骗电话.
CONTACT_NOUNS = ("所", "中心", "处", "站", "委员会", "会", "局", "院", "庭", "律师", "机构", "部门", "窗口")
# A query that ends by naming a lawyer (婚姻家庭律师, 劳动争议律师) is looking for one: the
# topic before it picks the lawyer or firm.
CONTACT_SOUGHT = ("律师事务所", "律师", "律所")


def _read_yaml(path: Path):
    return yamlio.load_file(path.read_text(encoding="utf-8-sig")) or {}


def load_synonyms(docs_dir: Path | None, display_root: str = "content") -> tuple[dict, list[Finding]]:
    """Built-in list merged with the site's own content/_synonyms.yml (the site's wins)."""
    findings: list[Finding] = []
    merged: dict[str, list[str]] = {}
    sources = [(BUILTIN_SYNONYMS, None)]
    if docs_dir is not None:
        sources.append((docs_dir / SITE_SYNONYMS, f"{display_root}/{SITE_SYNONYMS}"))
    for path, shown in sources:
        if not path.is_file():
            continue
        try:
            data = filecache.get("synonyms", path, lambda: _read_yaml(path))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            mark = getattr(exc, "problem_mark", None)
            findings.append(Finding(ERROR, shown or str(path), mark.line + 1 if mark else None,
                                    "同义词表格式有误", "每行写「口语词: [法律用语1, 法律用语2]」，冒号用英文半角",
                                    code="search.synonyms"))
            continue
        if not isinstance(data, dict):
            continue
        for key, values in data.items():
            key = str(key).strip()
            if len(key) < 2:
                continue
            values = values if isinstance(values, list) else [values]
            clean = [str(v).strip() for v in values if v is not None and str(v).strip() and str(v).strip() != key]
            if clean:
                merged[key.lower()] = clean
    return merged, findings


@lru_cache(maxsize=1)
def traditional_map() -> tuple[str, str]:
    """Traditional characters and their simplified forms, as two aligned strings."""
    import opencc  # opencc-python-reimplemented ships OpenCC's dictionaries

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    trad, simp = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        t, s = parts[0], parts[1].split(" ")[0]
        if len(t) == 1 and len(s) == 1 and t != s and ord(t) < 0x10000 and ord(s) < 0x10000:
            trad.append(t)
            simp.append(s)
    return "".join(trad), "".join(simp)


def pinyin_lexicon(phrases: list[str]) -> list[list[str]]:
    """[full pinyin, initials, phrase] for titles and synonym words (minfadian, mfd)."""
    from pypinyin import Style, lazy_pinyin

    out, seen = [], set()
    for phrase in phrases:
        if not phrase or phrase in seen or len(phrase) > 16:
            continue
        seen.add(phrase)
        syllables = [s for s in lazy_pinyin(phrase, style=Style.NORMAL, errors="ignore") if s.isalpha()]
        if len(syllables) < 2:
            continue
        full = "".join(syllables).replace("ü", "v").lower()
        initials = "".join(s[0] for s in syllables).lower()
        out.append([full, initials, phrase])
    return out


TRADITIONAL_FROM, TRADITIONAL_TO = 0x3400, 0xA000


def traditional_bits(trad: str) -> str:
    """Which characters of U+3400–U+9FFF are traditional, six to a character of
    search.js's alphabet (bit k of digit i: U+3400 + 6i + k).  1.7 KB on the wire
    instead of the 13 KB map: a query loads the map (ts.js) only when it has one."""
    bits = bytearray(TRADITIONAL_TO - TRADITIONAL_FROM)
    for c in trad:
        if TRADITIONAL_FROM <= ord(c) < TRADITIONAL_TO:
            bits[ord(c) - TRADITIONAL_FROM] = 1
    return six_bits(bits)
