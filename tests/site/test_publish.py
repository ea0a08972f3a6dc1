"""Safe publishing: a build that fails or is killed leaves the old site/ as it was."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_sample, pufa


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def running_in(site: Path) -> list[str]:
    """Processes whose command line names the site (the build and its helpers)."""
    out = subprocess.run(["ps", "-eo", "pid=,stat=,args="], capture_output=True, text=True).stdout
    return [line for line in out.splitlines()
            if str(site) in line and "ps -eo" not in line and " Z" not in line[:12]]


@pytest.mark.parametrize("sig", ["SIGKILL", "SIGTERM", "SIGHUP"])
def test_a_build_killed_halfway_leaves_the_old_site_and_nothing_running(tmp_path, sig):
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
            os.kill(proc.pid, getattr(signal, sig))
            killed = True
            break
        time.sleep(0.005)
    proc.wait(timeout=30)
    assert killed, "the build finished before it could be killed"
    end = time.time() + 5
    while running_in(site) and time.time() < end:
        time.sleep(0.1)
    assert running_in(site) == []                     # no helper left behind, after 5 s at most
    assert tree_digest(site / "site") == before
    if sig == "SIGKILL":
        assert list(site.glob(".pufa-build-*"))      # a killed build cannot clean up…
    else:
        assert not list(site.glob(".pufa-build-*"))  # …one stopped by SIGTERM or SIGHUP does
    pufa("build", "--site", str(site), check=True)   # …and the next run cleans what is left
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
