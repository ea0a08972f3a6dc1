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
