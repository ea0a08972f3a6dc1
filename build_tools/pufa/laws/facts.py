"""What a law page states about a document: 位阶, 制定机关, 公布日期, 施行日期.

Read from the document itself, as the national database shows them:
- 位阶 from the library's category (法律, 行政法规, 司法解释 …);
- 制定机关 from the first history line (第十届全国人民代表大会常务委员会第十七次
  会议通过 -> 全国人民代表大会常务委员会; 杭州市第十三届人民代表大会常务委员会
  -> 杭州市人民代表大会常务委员会; 国务院令第N号公布 -> 国务院);
- 公布日期: the version date (the file name's date, or the last history line's);
- 施行日期: the closing article's 自……起施行 (or 自公布之日起施行).

An amendment (修正) re-publishes the text with its original closing article,
so its own commencement is in the amending decision, not in the text: such a
version is shown with the original date and the amendment's date, and is
taken to apply from its publication.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pufa.laws import corpus

# 位阶 by library category (the national database's 法律位阶 filter).
RANKS = {
    "宪法": "宪法",
    "宪法相关法": "法律", "民法典": "法律", "民法商法": "法律", "刑法": "法律", "行政法": "法律",
    "经济法": "法律", "社会法": "法律", "诉讼与非诉讼程序法": "法律",
    "行政法规": "行政法规", "监察法规": "监察法规", "司法解释": "司法解释", "部门规章": "部门规章",
    "地方性法规": "地方性法规", "案例": "指导性案例", "其他": "其他",
}
RANK_ORDER = ("宪法", "法律", "行政法规", "监察法规", "司法解释", "地方性法规", "部门规章", "指导性案例", "其他")

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_COMMENCE = re.compile(r"本[\u4e00-\u9fff（）()〈〉<>《》、]{0,40}?自\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起\s*(?:施行|实施|生效)")
_ON_PUBLICATION = re.compile(r"自(?:公布|发布|印发|颁布)之日起(?:施行|实施|生效)")
_SESSION = re.compile(r"第[一二三四五六七八九十百零〇\d]+届")
_MEETING = re.compile(r"第[一二三四五六七八九十百零〇\d]+次(?:全体)?会议.*$")
_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,12}?(?:省|市|自治区|自治州|县|区))")


@dataclass
class LawFacts:
    rank: str = "其他"
    issuer: str = ""
    promulgated: dt.date | None = None          # 公布日期 of this version
    effective: dt.date | None = None            # 施行日期 the text states
    amended: bool = False                       # this version is an amendment (修正) of an older text

    @property
    def applies_from(self) -> dt.date | None:
        """The day this version's text applies: its stated commencement, unless it is an
        amendment republished later (then its publication)."""
        if self.effective and (self.promulgated is None or self.effective >= self.promulgated):
            return self.effective
        return self.promulgated or self.effective


def _dates(text: str) -> list[dt.date]:
    out = []
    for m in _DATE.finditer(text):
        try:
            out.append(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            pass
    return out


def issuer_of(history: list[str], category: str) -> str:
    """制定机关 from the first history line that names a body."""
    for line in history:
        text = _DATE.sub("", line).strip().strip("　")
        if "最高人民法院" in text and "最高人民检察院" in text:
            return "最高人民法院、最高人民检察院"
        if "最高人民法院" in text:
            return "最高人民法院"
        if "最高人民检察院" in text:
            return "最高人民检察院"
        if "国务院" in text:
            return "国务院、中央军事委员会" if "中央军事委员会" in text else "国务院"
        if "人民代表大会" in text:
            body = _MEETING.sub("", _SESSION.sub("", text)).strip()
            body = body.split("《")[0]
            standing = "常务委员会" in body
            if body.startswith("全国人民代表大会") or not _PLACE.match(body):
                return "全国人民代表大会常务委员会" if standing else "全国人民代表大会"
            place = _PLACE.match(body).group(1)
            return f"{place}人民代表大会常务委员会" if standing else f"{place}人民代表大会"
    return {"司法解释": "最高人民法院", "行政法规": "国务院"}.get(category, "")


def commencement(doc: corpus.LawDoc) -> tuple[dt.date | None, bool]:
    """(the date the closing provisions state, whether it is 'from publication')."""
    tail = [a.text for a in doc.articles[-3:]] + [b.text for b in doc.blocks[-3:] if isinstance(b, corpus.Paragraph)]
    for text in reversed(tail):
        m = _COMMENCE.search(text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3])), False
            except ValueError:
                return None, False
        if _ON_PUBLICATION.search(text):
            return None, True
    return None, False


def facts_of(doc: corpus.LawDoc, category: str) -> LawFacts:
    history = doc.history
    amended = bool(history) and "修正" in history[-1] and "修订" not in history[-1]
    first = _dates(history[0]) if history else []
    published = doc.version or max(_dates(" ".join(history)), default=None)
    date, on_publication = commencement(doc)
    if date and published and date < published:
        amended = True       # republished after an amendment: the closing article keeps the first date
    if date is None and on_publication:
        # 自公布之日起施行: the text's own publication (the original one for an amendment).
        date = (first[0] if first else published) if amended else published
    return LawFacts(RANKS.get(category, "其他"), issuer_of(history, category), published, date, amended)
