"""Originals kept when pufa changes a staff file (`check --fix`, `images --fix`).

They go to `.pufa-backup/` beside content/, under the same path: never inside
content/, where the build would publish them (a 4.7 MB photo in site/ and in
the offline zip) and the checks would read them as pages.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

FOLDER = ".pufa-backup"
README = ("这里保存 pufa check --fix、pufa images --fix 修改之前的原文件，路径与 content 文件夹里相同。\n"
          "确认修改没有问题后可以删除；这个文件夹不会发布到网站上。\n")


WORKING_SUFFIXES = (".bak", ".tmp", ".orig", ".swp", "~", ".crdownload", ".part")
WORKING_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}


def is_working_file(name: str) -> bool:
    """A file nobody means to publish: a backup or a lock file (~$报告.docx, .~lock.x#)."""
    low = name.lower()
    return low.endswith(WORKING_SUFFIXES) or low in WORKING_NAMES or low.startswith(("~$", ".~lock"))


_kept: dict[Path, Path] = {}      # this run's originals: a file fixed twice keeps its first state


def keep_original(path: Path, docs_dir: Path) -> Path:
    """Copy path (under docs_dir) to the backup folder before pufa changes it.
    An older backup of the same file (an earlier --fix) is kept too, under a dated name."""
    path, docs_dir = Path(path).resolve(), Path(docs_dir).resolve()
    if path in _kept:
        return _kept[path]
    folder = docs_dir.parent / FOLDER
    target = folder / path.relative_to(docs_dir)
    if target.exists() and target.read_bytes() != path.read_bytes():
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = target.with_name(f"{target.stem}（{stamp}）{target.suffix}")
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    _kept[path] = target
    readme = folder / "说明.txt"
    if not readme.exists():
        readme.write_text(README, encoding="utf-8")
    return target


def shown(target: Path, site: Path) -> str:
    """The backup's path as staff see it, from the site folder."""
    try:
        return target.relative_to(Path(site).resolve()).as_posix()
    except ValueError:
        return str(target)
