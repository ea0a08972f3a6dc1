"""pufa serve's cache: reused only when made by the same pufa, theme and
settings; one preview at a time owns it; it ignores itself for git."""
from __future__ import annotations

import os

from pufa.site import preview
from pufa.site.preview_cache import PreviewCache, fingerprint, key_of


def test_a_saved_state_comes_back_under_the_same_key_only(tmp_path):
    cache = PreviewCache(tmp_path)
    (cache.site_dir / "index.html").write_text("<html>", encoding="utf-8")
    cache.save("k1", {"index.md": (1, 2)}, {"index.md": ("首页", "", "index.html")})
    cache.close()

    again = PreviewCache(tmp_path)
    state = again.restore("k1")
    assert state["stamps"] == {"index.md": [1, 2]}
    assert (again.site_dir / "index.html").exists()
    assert again.restore("k2") is None                 # another pufa, theme or mkdocs.yml
    assert not (again.site_dir / "index.html").exists()
    again.close()


def test_a_second_preview_of_the_same_site_gets_a_folder_of_its_own(tmp_path):
    first, second = PreviewCache(tmp_path), PreviewCache(tmp_path)
    try:
        assert second.temporary and not first.temporary
        assert second.site_dir != first.site_dir
        second.save("k", {}, {})                       # (nothing of a temporary preview is kept)
        assert first.restore("k") is None
    finally:
        second.close()
        first.close()
    assert not second.root.exists() and first.root.exists()


def test_the_cache_folder_is_ignored_by_git_and_says_it_may_be_deleted(tmp_path):
    PreviewCache(tmp_path).close()
    folder = tmp_path / ".pufa-cache"
    assert "*" in (folder / ".gitignore").read_text(encoding="utf-8").split()
    assert "可以随时删除" in (folder / "说明.txt").read_text(encoding="utf-8")


def test_a_changed_template_changes_the_key(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    page = theme / "main.html"
    page.write_text("{{ page }}", encoding="utf-8")
    before = key_of(fingerprint([theme]))
    page.write_text("{{ page.title }}", encoding="utf-8")
    os.utime(page, ns=(1, 1))
    assert key_of(fingerprint([theme])) != before


def test_the_index_mark_names_the_sources_it_was_made_from(tmp_path):
    stamps = {"lessons/a.md": (1, 10)}
    preview.mark_indexed(tmp_path, stamps)
    assert preview.indexed(tmp_path, stamps)
    assert not preview.indexed(tmp_path, {"lessons/a.md": (2, 10)})
    assert not preview.indexed(tmp_path / "nowhere", stamps)


class _Model:
    """What pages_to_rebuild reads of a model: stamps, the index, the laws."""

    def __init__(self, stamps, bodies=None):
        from types import SimpleNamespace

        self.stamps = stamps
        self.laws = None
        self.index = SimpleNamespace(pages={rel: SimpleNamespace(body=body, data={})
                                            for rel, body in (bodies or {}).items()})


def test_a_page_added_renders_it_its_listing_the_home_page_and_pages_naming_it():
    before = {"index.md": (1, 1), "lessons/a.md": (1, 1), "guides/g.md": (1, 1), "guides/h.md": (1, 1)}
    after = dict(before, **{"lessons/b.md": (2, 1)})
    model = _Model(after, {"guides/g.md": "见 ../lessons/b.md", "guides/h.md": "无关"})
    assert preview.pages_to_rebuild(_Model(before), model) == {"lessons/b.md", "lessons/index.md", "index.md",
                                                                "guides/g.md"}
    # Removed again: the pages that listed or named it.
    assert preview.pages_to_rebuild(model, _Model(before, {"guides/g.md": "见 ../lessons/b.md"})) == {
        "lessons/index.md", "index.md", "guides/g.md"}


def test_a_change_to_the_menu_or_the_library_renders_everything():
    before = {"index.md": (1, 1), "lessons/a.md": (1, 1)}
    first_of_its_section = dict(before, **{"guides/g.md": (2, 1)})
    assert preview.pages_to_rebuild(_Model(before), _Model(first_of_its_section)) is None
    law = dict(before, **{"laws/falv/x.md": (2, 1)})
    assert preview.pages_to_rebuild(_Model(before), _Model(law)) is None
    defaults = dict(before, **{"lessons/_defaults.yml": (2, 1)})
    assert preview.pages_to_rebuild(_Model(before), _Model(defaults)) is None
    settings = dict(before, **{"/mkdocs.yml": (1, 1)})
    assert preview.pages_to_rebuild(_Model(settings), _Model(dict(settings, **{"/mkdocs.yml": (2, 1)}))) is None
