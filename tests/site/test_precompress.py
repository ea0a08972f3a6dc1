"""pufa build leaves .gz and .br copies of the text files beside them, for a
web server to send as they are (issue 18); the offline zip and previews have none."""
from __future__ import annotations

import gzip
import zipfile

from conftest import copy_sample, pufa
from pufa.precompress import MIN_BYTES, TEXT, is_compressed_copy, precompress_site


def test_every_text_file_has_its_compressed_copies(sample_site):
    import brotli
    site = sample_site / "site"
    texts = [p for p in site.rglob("*") if p.is_file() and p.suffix.lower() in TEXT and p.stat().st_size >= MIN_BYTES]
    assert len(texts) > 150
    kinds = {p.suffix for p in texts}
    assert {".html", ".css", ".js", ".xml", ".webmanifest"} <= kinds
    for p in texts:
        data = p.read_bytes()
        gz, br = p.with_name(p.name + ".gz"), p.with_name(p.name + ".br")
        assert gz.is_file() or len(gzip.compress(data, 9)) > 0.9 * len(data), p
        if gz.is_file():
            assert gzip.decompress(gz.read_bytes()) == data, p
        if br.is_file():
            assert brotli.decompress(br.read_bytes()) == data, p
    html = site / "index.html"
    assert html.with_name("index.html.gz").stat().st_size < html.stat().st_size / 2
    # The service worker precaches the site's files, not the server's copies.
    assert ".gz" not in (site / "sw.js").read_text(encoding="utf-8").replace("gzip", "")


def test_copies_are_the_same_build_after_build(tmp_path):
    """No time in the gzip header: a deployment by rsync or checksum copies only what changed."""
    site = tmp_path / "s"
    (site / "a").mkdir(parents=True)
    page = site / "a" / "index.html"
    page.write_text("<p>" + "普法" * 400 + "</p>", encoding="utf-8")
    precompress_site(site)
    first = page.with_name("index.html.gz").read_bytes()
    page.with_name("index.html.gz").unlink()
    precompress_site(site)
    assert page.with_name("index.html.gz").read_bytes() == first
    assert is_compressed_copy(page.with_name("index.html.gz")) and not is_compressed_copy(page)
    # A copy is never compressed again.
    assert not (site / "a" / "index.html.gz.gz").exists()


def test_the_offline_zip_carries_no_server_copies(tmp_path):
    root = copy_sample(tmp_path)
    out = tmp_path / "offline.zip"
    pufa("bundle", "--site", str(root), "--out", str(out), check=True)
    names = zipfile.ZipFile(out).namelist()
    assert any(n.endswith("index.html") for n in names)
    assert not any(n.endswith((".gz", ".br")) for n in names)
