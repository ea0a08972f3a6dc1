"""The few attributes of Material's markup the Nu checker rejects (pufa.htmlvalid)."""
from pufa.htmlvalid import valid_html


def test_material_toggles_lose_only_what_vnu_rejects():
    page = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="search" name="q" autocomplete="off">'
            '<label class="md-nav__link" for="__nav_7" id="__nav_7_label" tabindex="">'
            '<label class="md-nav__link" for="__nav_2" tabindex="0">'
            '<label class="md-nav__title" for="__toc">')
    out = valid_html(page)
    assert '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">' in out
    assert '<input type="search" name="q" autocomplete="off">' in out          # allowed there: kept
    assert 'id="__nav_7_label">' in out and 'tabindex="0"' in out
    assert '<label class="md-nav__title">' in out                              # no __toc on this page
    with_toc = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc"><label class="md-nav__title" for="__toc">'
    assert valid_html(with_toc) == with_toc
