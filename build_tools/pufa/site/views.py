"""The objects templates see: ``pufa`` (the site and this page) and
``pufa_laws`` (the law library).  Plain values from the run, no MkDocs."""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from pufa import poster as posters
from pufa import qr
from pufa import government, usage
from pufa.content import documents, quiz
from pufa.content import types as T
from pufa.content import views
from pufa.content.forms import forms_of
from pufa.laws.library import CATEGORY_BY_SLUG, SLUG_BY_CATEGORY, STATUS_LABELS, STATUS_ORDER
from pufa.laws import compare
from pufa.laws.compare import comparison_src
from pufa.laws.facts import RANK_ORDER, facts_of
from pufa.laws.render import status_note
from pufa.dates import cn_date
from pufa.screens.site import ScreenSite


@dataclass
class PageRef:
    """The page being rendered, as the views need it."""
    src_uri: str
    dest_uri: str
    url: str
    meta: dict = field(default_factory=dict)


class SiteView:
    """The ``pufa`` object templates see."""

    types = T.TYPES

    def __init__(self, run, page: PageRef):
        self._run = run
        self._page = page
        self.settings = run.settings.pufa
        self.index = run.model.index
        self.site_name = run.settings.site_name
        src = page.src_uri
        self.ctype = T.type_for_path(src)
        self.item = self.index.by_src(src) if self.index else None
        self.cn_date = cn_date
        self.tel_href = views.tel_href
        self.police_code = views.police_code

    # -- 政府网站 (government: true) ------------------------------------------
    @property
    def government(self) -> bool:
        return government.is_government(self.settings)

    @property
    def gov(self):
        return getattr(self.settings, "gov", None) if self.settings is not None else None

    def gov_host(self) -> str:
        gov = self.gov
        return (getattr(gov, "host", "") if gov else "") or self.settings.bureau.name

    def gov_meta(self) -> list[tuple[str, str]]:
        """The inspection's meta tags for this page (SiteName … ContentSource)."""
        if not self.government:
            return []
        src, column, article = self._page.src_uri, None, None
        entry = self._run.law_entry(src)
        if self.ctype is not None and src == f"{self.ctype.folder}/index.md":
            column = government.Column(self.ctype.key, self.ctype.label, government.COLUMN_TYPES[self.ctype.key])
        elif src.startswith("laws/") and src.endswith("index.md") and entry is None:
            column = government.Column("laws", self._page.meta.get("title") or "法律法规库", government.LAWS_COLUMN_TYPE)
        elif entry is not None:
            facts = facts_of(entry.doc, entry.category)
            article = {"title": entry.title, "source": facts.issuer,
                       "date": facts.promulgated.isoformat() if facts.promulgated else ""}
        elif self.item is not None and not self.item.is_listing:
            article = {"title": self.item.meta.get("title") or "", "date": government.pub_date(self.item.meta),
                       "source": self.item.meta.get("source") or ""}
        gov = self.gov
        if article is not None and not article["source"]:
            article["source"] = self.gov_host()
        return government.meta_tags(site_name=self.site_name, site_url=self._run.settings.site_url, gov=gov,
                                    column=column, article=article)

    def badge(self) -> dict | None:
        """党政机关网站标识: its URL and size (the footer keeps its room: no layout shift)."""
        badge = (getattr(self.gov, "badge", "") if self.gov else "").strip().lstrip("/")
        url = self.url_of(badge) if badge else ""
        if not url:
            return None
        try:
            from PIL import Image
            with Image.open(self._run.settings.docs_dir / badge) as im:
                width, height = im.size
        except OSError:
            return None
        return {"url": url, "width": width, "height": height}

    def site_map(self) -> list[dict]:
        """网站地图: every column with its pages (the law library by category)."""
        out = []
        for ctype in T.TYPES:
            items = [i for i in self.index.of_type(ctype) if not i.is_listing and not i.is_draft]
            if items:
                out.append({"title": ctype.label, "url": self.section_url(ctype.key),
                            "pages": [{"title": i.meta.get("title") or "", "url": self.url_of(i.src_uri)}
                                      for i in items]})
        if self._run.settings.laws is not None and self._run.model.laws is not None:
            cats = self._run.model.laws.categories()
            out.append({"title": "法律法规库", "url": self.url_of("laws/index.md"),
                        "pages": [{"title": f"{c['name']}（{c['count']} 部）",
                                   "url": self.url_of(f"laws/{c['slug']}/index.md")} for c in cats]})
        return out

    def listing(self, key: str | None = None) -> dict:
        ctype = T.find_type(key) if key else self.ctype
        return views.listing(self.index, ctype)

    def latest(self, key: str, limit: int = 6) -> list[dict]:
        ctype = T.find_type(key)
        return [views.card(i) for i in self.index.of_type(ctype)[:limit]]

    def section_url(self, key: str) -> str:
        return self.url_of(T.find_type(key).folder + "/index.md")

    def share(self) -> dict | None:
        """The page's QR code, public address and poster link (None without site_url)."""
        site_url = self._run.site_url
        if not site_url:
            return None
        url = qr.public_url(site_url, self._page.dest_uri)
        poster = ""
        if posters.has_poster(self.item):
            poster = posters.url_of(posters.dest_uri(self._page.dest_uri))
        return {"url": url, "poster": poster,
                # Level L, a fixed mask, a 1-bit PNG: ~0.5 KB and ~0.7 ms on each of 1,600+ law pages.
                "qr": Markup(qr.img(url, "L", label="本页二维码"))}

    def url_of(self, src_uri: str) -> str:
        """The URL of a page by its path under content/ ('' if there is none)."""
        return self._run.url_of(src_uri)

    def related(self) -> list[dict]:
        """A Q&A's related guides and lessons, as cards."""
        return views.related(self.index, self.item)

    def timeline(self) -> list[dict]:
        return views.timeline(self.index)

    def named_entries(self) -> list[dict]:
        """On a guide: the directory entries it names (办理机构 / 相关机构)."""
        if self.item is None or self.item.is_listing:
            return []
        return views.named_entries(self.index, self.item)

    def directory_entry(self) -> dict | None:
        """On a directory entry: its firm, its lawyers, the guides naming it."""
        if self.item is None or self.item.ctype is not T.DIRECTORY or self.item.is_listing:
            return None
        return views.directory_entry(self.index, self.item)

    def campaigns(self) -> list[dict]:
        return views.campaigns(self.index)

    def register(self) -> dict:
        """The 规范性文件 register: the counts table, the rows and their filters."""
        return documents.register(self.index)

    def document(self) -> dict:
        """On a document's page: its status row and its replacement chain."""
        if self.item is None or self.item.ctype is not T.DOCUMENT:
            return {}
        return dict(documents.row(self.item), **documents.relations(self.index, self.item))

    def quiz_of(self, campaign_url: str) -> dict | None:
        """The self-test page of a campaign: {url, count} or None."""
        for src, campaign in self._run.model.quizzes.items():
            if campaign.url == campaign_url:
                count = sum(len(quiz.questions_of(l.body)) for l in quiz.campaign_lessons(self.index, campaign))
                return {"url": self.url_of(src), "count": count}
        return None

    def quiz_campaign(self) -> dict | None:
        """On a campaign's self-test page: the campaign's card."""
        campaign = self._run.model.quizzes.get(self._page.src_uri)
        return views.card(campaign) if campaign is not None else None

    def forms(self) -> list[dict]:
        """This guide's forms to download: title, URL, kind and size."""
        if self.item is None or not self.item.meta.get("forms"):
            return []
        out = []
        for form in forms_of(self.item, self.index.docs_dir):
            url = self.url_of(form.src)
            if url:
                out.append({"title": form.title, "url": url, "kind": form.kind, "size": form.size_text})
        return out

    def usage_pin(self) -> str:
        """The kiosk usage page's PIN, hashed (empty when none is set)."""
        return usage.pin_hash(self.settings.kiosk.pin, self.site_name)

    def screen(self) -> dict | None:
        """The display page's slides, when this page is a screen's."""
        playlist = self._run.screens.get(self._page.src_uri)
        if playlist is None:
            return None
        site = ScreenSite(self.index, self._run.files, self._run.site_url, self.site_name, self._run.model.laws)
        return site.view(playlist, {p.name: p for p in self._run.model.playlists})

    def field(self, name: str):
        return self.ctype.field(name) if self.ctype else None

    def label(self, name: str) -> str:
        f = self.field(name)
        return f.label if f else name

    def value(self, name: str):
        return self._page.meta.get(name)

    def date(self, name: str) -> str:
        return cn_date(self._page.meta.get(name))

    def counts(self) -> list[dict]:
        return [{"type": t, "count": len(self.index.of_type(t)), "url": t.folder + "/"}
                for t in T.TYPES if self.index.of_type(t)]


class LawsView:
    """The ``pufa_laws`` object templates see."""

    labels = STATUS_LABELS

    def __init__(self, run, page: PageRef):
        self.lib = run.model.laws
        self.page = page
        self.entry = self.lib.by_src.get(page.src_uri) if self.lib else None
        self.cn_date = cn_date
        self._run = run

    def compare_url(self, older) -> str:
        """The address of an older version's 新旧对照 page ('' if there is none)."""
        versions = self.lib.by_title.get(older.title) or [older]
        return self._run.url_of(comparison_src(versions[0], older)) if older is not versions[0] else ""

    def comparison(self):
        """The 新旧对照 page's two versions and their articles, paired (pufa.laws.compare)."""
        pair = self._run.comparisons.get(self.page.src_uri)
        if pair is None:
            return None
        older, newer = pair
        result = compare.compare(older.doc, newer.doc)
        old_pos = {id(a): n for n, a in enumerate(older.doc.articles)}
        rows: list[dict] = []
        for p in result.pairs:
            last = rows[-1] if rows else None
            if p.kind == compare.SAME:
                # Unchanged articles: one line a run (第一条至第九条), no text: the law page has it.
                if last and last["kind"] == compare.SAME:
                    last["last"], last["n"] = p.new.label, last["n"] + 1
                else:
                    rows.append({"kind": compare.SAME, "first": p.new.label, "last": p.new.label, "n": 1,
                                 "id": f"c-{p.new.id}"})
                continue
            if p.kind == compare.RENUMBERED:
                # Moved unchanged: one line a run that moved together (旧第十一条至第二十条 → 新第十二条至第二十一条).
                pos = old_pos[id(p.old)]
                if last and last["kind"] == compare.RENUMBERED and last["pos"] + 1 == pos:
                    last.update(pos=pos, old_last=p.old.label, new_last=p.new.label, n=last["n"] + 1)
                else:
                    rows.append({"kind": compare.RENUMBERED, "pos": pos, "n": 1, "id": f"c-{p.new.id}",
                                 "old": p.old.label, "old_id": p.old.id, "old_last": p.old.label,
                                 "new": p.new.label, "new_id": p.new.id, "new_last": p.new.label})
                continue
            rows.append({"kind": p.kind, "kind_label": compare.KIND_LABELS[p.kind],
                         "old": p.old.label if p.old else "", "new": p.new.label if p.new else "",
                         "old_id": p.old.id if p.old else "", "new_id": p.new.id if p.new else "",
                         "text": Markup("".join(f"<p>{x}</p>" for x in compare.items_html(p.old, p.new))),
                         "id": f"c-{p.new.id if p.new else 'del-' + p.old.id}"})
        counts = {k: result.count(k) for k in compare.KIND_LABELS}
        return {"older": older, "newer": newer, "rows": rows, "counts": counts,
                "labels": compare.KIND_LABELS}

    def categories(self):
        return self.lib.categories() if self.lib else []

    def category(self):
        """The category of a category page, with its laws (in force first, then by title)."""
        parts = self.page.src_uri.split("/")
        slug = parts[1] if len(parts) > 2 else ""
        name = CATEGORY_BY_SLUG.get(slug, slug)
        entries = [e for e in self.lib.entries if SLUG_BY_CATEGORY.get(e.category, e.category) == slug]
        order = {s: i for i, s in enumerate(STATUS_ORDER)}
        entries.sort(key=lambda e: (order[e.status], e.subcategory or "", e.title, -(e.version.toordinal() if e.version else 0)))
        return {"name": name, "slug": slug, "entries": entries, "filters": self._law_filters(entries)}

    @staticmethod
    def law_year(entry) -> str:
        when = entry.facts.promulgated or entry.version
        return str(when.year) if when else ""

    def _law_filters(self, entries) -> list[dict]:
        """位阶, 状态, 制定机关, 公布年份, as the national database filters: each with the
        values this category has and their counts; a field with one value is no filter."""
        def options(values, key=None):
            counts: dict[str, int] = {}
            for v in values:
                if v:
                    counts[v] = counts.get(v, 0) + 1
            ordered = sorted(counts, key=key or (lambda v: (-counts[v], v)))
            return [{"value": v, "count": counts[v]} for v in ordered]

        rank_order = {r: i for i, r in enumerate(RANK_ORDER)}
        status_order = {s: i for i, s in enumerate(STATUS_ORDER)}
        statuses = options([e.status for e in entries], key=lambda v: status_order.get(v, 99))
        for o in statuses:
            o["label"] = STATUS_LABELS[o["value"]]
        filters = [
            {"label": "位阶", "field": "rank", "options": options([e.facts.rank for e in entries],
                                                                key=lambda v: rank_order.get(v, 99))},
            {"label": "状态", "field": "status", "options": statuses},
            {"label": "制定机关", "field": "issuer", "options": options([e.facts.issuer for e in entries])},
            {"label": "公布年份", "field": "year", "options": options([self.law_year(e) for e in entries],
                                                                 key=lambda v: -int(v))},
        ]
        return [f for f in filters if len(f["options"]) > 1]

    def collected_until(self) -> str:
        return cn_date(self.lib.collected_until) if self.lib and self.lib.collected_until else ""

    def notices(self, entry) -> list[dict]:
        """The status notices of a law page, one for each status it has now or will
        have (the browser shows the one the reader's date gives)."""
        statuses = [entry.status] + [v for _, v in entry.status_after(entry.built_on or self.lib.today)]
        out = []
        for status in dict.fromkeys(statuses):
            text = status_note(entry, status)
            if text:
                out.append({"status": status, "text": text, "current": status == entry.status})
        return out

    def effective(self, entry) -> str:
        """施行日期 as the page states it: an amendment keeps its text's first date."""
        f = entry.facts
        if not f.effective:
            return ""
        text = cn_date(f.effective)
        if f.amended and f.promulgated and f.promulgated > f.effective:
            text += f"（本文本{cn_date(f.promulgated)}修改后公布）"
        return text

    def history(self, entry) -> list[dict]:
        """修改沿革: the recorded revision not in the library, then every version, newest first."""
        versions = self.lib.by_title.get(entry.title, [entry])
        out = []
        newest = versions[0]
        if newest.revision is not None:
            rev = newest.revision
            note = rev.note.removeprefix(cn_date(rev.adopted)).strip() if rev.note else ""
            out.append({"date": cn_date(rev.adopted), "url": "", "current": False, "compare": "",
                        "text": (note or f"修改，{cn_date(rev.applies_from)}起施行") + "（新文本尚未收入本库）"})
        for v in versions:
            kind = "修正" if v.facts.amended else ("修订" if v.older or v is not versions[-1] else "公布")
            out.append({"date": cn_date(v.version), "url": v.url, "current": v is entry,
                        "text": f"{kind}文本（{STATUS_LABELS[v.status]}）", "compare": self.compare_url(v)})
        return out

    def repealed_without_page(self):
        return [r for t, r in sorted(self.lib.repeals.items()) if t not in self.lib.by_title] if self.lib else []

    def count(self) -> int:
        return len(self.lib.entries) if self.lib else 0
