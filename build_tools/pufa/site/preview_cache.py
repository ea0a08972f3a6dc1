"""pufa serve's cache: the preview site of the last session, kept under the
site folder, so a second start renders only what changed since.

    <site>/.pufa-cache/preview/site/         the pages as the preview served them
    <site>/.pufa-cache/preview/state.json    what they were made from

The state names pufa's version and files, the engine's versions, the theme
folders' files and the preview address (the key), and every source file's
stamp.  A different key, or a state that cannot be read, starts from an empty
folder.  A second preview of the same site at the same time uses a folder of
its own.  The folder ignores itself for git and says it can be deleted.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pufa

FOLDER = ".pufa-cache"
STATE_VERSION = 1
INDEXED = ".pufa-indexed"      # in search/: the stamps the index was made from
README = ("这个文件夹是 pufa serve（边写边预览）的缓存，让第二次启动预览更快。\n"
          "可以随时删除，不会丢失任何内容；不要把它上传到网站服务器。\n")


@dataclass
class Remembered:
    """What a preview needs of the model it last built: its source stamps."""
    stamps: dict = field(default_factory=dict)


def stamps_hash(stamps: dict) -> str:
    return hashlib.sha1(json.dumps(sorted(stamps.items()), ensure_ascii=False).encode("utf-8")).hexdigest()


def fingerprint(folders: list) -> list:
    """(path, mtime, size) of every file pufa renders with: a changed template,
    script or pufa version makes the cached pages stale."""
    out = []
    for folder in [Path(pufa.__file__).parent, *map(Path, folders)]:
        for base, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(names):
                try:
                    st = os.stat(os.path.join(base, name))
                except OSError:
                    continue
                out.append([os.path.join(base, name), st.st_mtime_ns, st.st_size])
    return out


class PreviewCache:
    def __init__(self, site: Path):
        self.root = Path(site) / FOLDER / "preview"
        self.lock = None
        self.temporary = False
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            _mark(self.root.parent)
            self.lock = _lock(self.root / "lock")
        except OSError:
            self.lock = None
        if self.lock is None:           # read-only site folder, or another preview is running
            self.root = Path(tempfile.mkdtemp(prefix="pufa-preview-"))
            self.temporary = True
        self.site_dir = self.root / "site"
        self.state_file = self.root / "state.json"
        self.site_dir.mkdir(parents=True, exist_ok=True)

    def restore(self, key: str) -> dict | None:
        """The state of the last preview, if its pages can be reused (else the folder is emptied)."""
        try:
            state = json.loads(self.state_file.read_text(encoding="utf-8"))
            if state.get("version") == STATE_VERSION and state.get("key") == key and self.site_dir.is_dir():
                return state
        except (OSError, ValueError):
            pass
        self.clear()
        return None

    def clear(self) -> None:
        shutil.rmtree(self.site_dir, ignore_errors=True)
        self.state_file.unlink(missing_ok=True)
        self.site_dir.mkdir(parents=True, exist_ok=True)

    def templates(self):
        """Compiled templates kept between previews (Jinja checks each against its source)."""
        if self.temporary:
            return None
        import jinja2

        folder = self.root / "templates"
        folder.mkdir(exist_ok=True)
        return jinja2.FileSystemBytecodeCache(str(folder))

    def save(self, key: str, stamps: dict, pages: dict) -> None:
        """After each build: what the pages in the folder were made from."""
        if self.temporary:
            return
        state = {"version": STATE_VERSION, "key": key, "stamps": stamps,
                 "pages": {src: list(page) for src, page in pages.items()}}
        tmp = self.state_file.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.state_file)
        except OSError:
            pass                        # (a full disk: the next start builds everything)

    def close(self) -> None:
        if self.temporary:
            shutil.rmtree(self.root, ignore_errors=True)
        if self.lock is not None:
            self.lock.close()
            self.lock = None


def key_of(*parts) -> str:
    return hashlib.sha1(json.dumps([pufa.__version__, *parts], ensure_ascii=False).encode("utf-8")).hexdigest()


def _mark(folder: Path) -> None:
    """A folder git ignores and people know they may delete."""
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# pufa serve 的缓存，git 不收录\n*\n", encoding="utf-8")
    readme = folder / "说明.txt"
    if not readme.exists():
        readme.write_text(README, encoding="utf-8")


def _lock(path: Path):
    """An exclusive lock held while the preview runs (None: another preview has it)."""
    handle = open(path, "a+b")
    try:
        if os.name == "nt":
            import msvcrt
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle
