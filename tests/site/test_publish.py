"""Safe publishing: a build that fails or is killed leaves the old site/ as it was."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import copy_sample, pufa


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def test_sigkill_halfway_leaves_old_site_byte_identical(tmp_path):
    site = copy_sample(tmp_path / "s")
    pufa("build", "--site", str(site), check=True)
    before = tree_digest(site / "site")
    # Change content so a finished build would differ.
    lesson = site / "content" / "lessons" / "xian-fa.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n新增的一段。\n", encoding="utf-8")

    exe = Path(sys.executable).with_name("pufa")
    proc = subprocess.Popen([str(exe), "build", "--site", str(site)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    killed = False
    while time.time() < deadline and proc.poll() is None:
        temp = [p for p in site.glob(".pufa-build-*") if any(p.rglob("*.html"))]
        if temp:
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
            break
        time.sleep(0.005)
    proc.wait()
    assert killed, "the build finished before it could be killed"
    assert tree_digest(site / "site") == before
    assert list(site.glob(".pufa-build-*"))          # the killed build's leftovers…
    pufa("build", "--site", str(site), check=True)   # …are cleaned by the next run
    assert not list(site.glob(".pufa-build-*")) and not list(site.glob(".pufa-old-*"))
    assert "新增的一段" in (site / "site" / "lessons" / "xian-fa" / "index.html").read_text(encoding="utf-8")


def test_failed_build_leaves_no_temp_folders(tmp_path):
    site = copy_sample(tmp_path / "s")
    pufa("build", "--site", str(site), check=True)
    before = tree_digest(site / "site")
    (site / "content" / "lessons" / "bad.md").write_text("---\ntitle: 坏\n---\n", encoding="utf-8")
    assert pufa("build", "--site", str(site), "--no-check").returncode == 1
    assert tree_digest(site / "site") == before
    assert not list(site.glob(".pufa-build-*"))
