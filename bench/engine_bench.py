#!/usr/bin/env python3
"""The same sites built by MkDocs 1.6 and by ProperDocs 1.6.x: times and a page-by-page diff.

The figures of docs/decisions/0008-engine-exit-plan.md.  Not part of `make
bench`: it needs a second venv that has ProperDocs, made like this:

    python3 -m venv /tmp/venv-properdocs
    /tmp/venv-properdocs/bin/pip install -c constraints.txt properdocs==1.6.7 -e .

then

    .venv/bin/python bench/engine_bench.py --properdocs /tmp/venv-properdocs

Sites: the sample site (a copy of mkdocs.yml, content/ and theme/) and, when the
corpus is there, a law site (`pufa init --empty` + `pufa import-laws CORPUS`).
Each site is built four ways, alternating the order each round; the best of
--rounds is reported (wall clock and CPU = user + system of the child):

    mkdocs · pufa build       this venv's `pufa build` (MkDocs)
    properdocs · pufa build   `pufa build` in the ProperDocs venv, through a
                              shim that imports properdocs.replacement first
    mkdocs CLI                `mkdocs build -f mkdocs.yml` (no pufa check)
    properdocs CLI            `properdocs build -f mkdocs.yml`

Outputs are then compared file by file.  Lines that only say which engine
built a page (<meta name="generator">) are set aside and so are the figures
derived from the pages' bytes (the service worker's VERSION, the offline
plan's version and precacheBytes); anything else that differs is printed.
Last, a probe: a copy of the sample site with a link to a missing page, built
by each way, to see whether MkDocs' own warning reaches staff in Chinese.
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# pufa on ProperDocs without touching pufa: alias mkdocs.* to properdocs.*
# before pufa (and its plugins) import anything.  With PUFA_SHIM_FIX=1, also
# hand what ProperDocs logs as "properdocs.X" to the logger "mkdocs.X" (at that
# logger's level), so that the engine's "mkdocs" listeners hear it as before.
SHIM = r'''
import logging, os, sys
import properdocs.replacement  # noqa: F401  sys.modules["mkdocs"] = properdocs
if os.environ.get("PUFA_SHIM_FIX") == "1":
    class _Bridge(logging.Handler):
        def emit(self, record):
            target = logging.getLogger("mkdocs" + record.name[len("properdocs"):])
            if target.isEnabledFor(record.levelno):
                target.handle(record)
    _pd = logging.getLogger("properdocs")
    _pd.addHandler(_Bridge())
    _pd.propagate = False
from pufa.cli import main
sys.exit(main(sys.argv[1:]))
'''

BROKEN_LINK = "\n\n见[一个不存在的页面](../guides/bu-cun-zai.md)。\n"


def run(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds (user + system), peak RSS in MB, and the output."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, **(env or {})})
    out = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(map(str, cmd))}\n{out}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, out


def version(python: Path, dist: str) -> str:
    code = f"import importlib.metadata as m\ntry: print(m.version({dist!r}))\nexcept Exception: print('-')"
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True).stdout.strip()


# --- comparing two site/ trees ------------------------------------------------

_SET_ASIDE = [
    (re.compile(rb'<meta name="generator" content="[^"]*">'), b'<meta name="generator">'),
    (re.compile(rb"<lastmod>[^<]*</lastmod>"), b"<lastmod/>"),
    (re.compile(rb'var VERSION = "[0-9a-f]+";'), b'var VERSION = "";'),
]
# offline/sections.js: the plan's version and byte counts follow from the pages' bytes.
_PLAN_FIGURES = re.compile(rb'"(version|precacheBytes|bytes)":("?)([0-9a-f]+)\2')


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _set_aside(rel: Path, data: bytes) -> bytes:
    for pattern, repl in _SET_ASIDE:
        data = pattern.sub(repl, data)
    if rel.name == "sections.js":
        data = _PLAN_FIGURES.sub(rb'"\1":0', data)
    return data


def plan_figures(site: Path) -> list[int]:
    """precacheBytes and each section's bytes, in order."""
    text = (site / "offline" / "sections.js").read_bytes()
    return [int(m.group(3)) for m in _PLAN_FIGURES.finditer(text) if m.group(1) != b"version"]


def compare(a: Path, b: Path) -> dict:
    fa = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    fb = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    same = raw_diff = 0
    real: list[str] = []
    generators: set[bytes] = set()
    for rel in sorted(fa & fb):
        da, db = (a / rel).read_bytes(), (b / rel).read_bytes()
        if da == db:
            same += 1
            continue
        raw_diff += 1
        xa, xb = _read(a / rel), _read(b / rel)
        for m in re.finditer(rb'<meta name="generator" content="([^"]*)">', xa + xb):
            generators.add(m.group(1))
        if _set_aside(rel, xa) != _set_aside(rel, xb):
            la, lb = _set_aside(rel, xa).splitlines(), _set_aside(rel, xb).splitlines()
            first = next((i for i, (x, y) in enumerate(zip(la, lb)) if x != y), min(len(la), len(lb)))
            real.append(f"{rel}: line {first + 1}")
    return {"files": len(fa | fb), "only_a": sorted(map(str, fa - fb)), "only_b": sorted(map(str, fb - fa)),
            "identical": same, "differ": raw_diff, "real": real,
            "generators": sorted(g.decode() for g in generators)}


# --- sites ----------------------------------------------------------------------

def sample_site(work: Path) -> Path:
    site = work / "sample"
    site.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, site / name)
    return site


def law_site(work: Path, corpus: Path) -> Path:
    site = work / "laws"
    run([str(BIN / "pufa"), "init", "--empty", str(site)], work)
    run([str(BIN / "pufa"), "import-laws", str(corpus), "--site", str(site)], work)
    return site


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--properdocs", type=Path, required=True, help="a venv with properdocs and pufa installed")
    ap.add_argument("--laws", type=Path, default=ROOT.parent / "shared" / "corpus" / "laws")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="keep the sites and outputs here")
    args = ap.parse_args()

    pd_python = args.properdocs / "bin" / "python"
    work = Path(tempfile.mkdtemp(prefix="pufa-engine-"))
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
        work = args.keep
        work.mkdir(parents=True)
    fix = {"PUFA_SHIM_FIX": "1"}
    print(f"this venv:       mkdocs {version(Path(sys.executable), 'mkdocs')}, "
          f"mkdocs-material {version(Path(sys.executable), 'mkdocs-material')}")
    print(f"ProperDocs venv: properdocs {version(pd_python, 'properdocs')}, "
          f"mkdocs-material {version(pd_python, 'mkdocs-material')}, "
          f"mkdocs (library, installed as a dependency) {version(pd_python, 'mkdocs')}")
    try:
        sites = {"sample": sample_site(work)}
        if args.laws.is_dir():
            sites["laws"] = law_site(work, args.laws)
        outdir = work / "out"
        for name, site in sites.items():
            def modes():
                return {
                    "mkdocs · pufa build": ([str(BIN / "pufa"), "build", "--site", str(site)], None, True),
                    "properdocs · pufa build": ([str(pd_python), "-c", SHIM, "build", "--site", str(site)], fix, True),
                    "mkdocs CLI": ([str(BIN / "mkdocs"), "build", "-q", "-f", str(site / "mkdocs.yml"),
                                    "-d", str(outdir / name / "mkdocs-cli")], None, False),
                    "properdocs CLI": ([str(args.properdocs / "bin" / "properdocs"), "build", "-q",
                                        "-f", str(site / "mkdocs.yml"),
                                        "-d", str(outdir / name / "properdocs-cli")], None, False),
                }
            results: dict[str, list[tuple[float, float, int]]] = {m: [] for m in modes()}
            for r in range(args.rounds):
                order = list(modes().items())
                if r % 2:
                    order.reverse()
                for mode, (cmd, env, is_pufa) in order:
                    wall, cpu, rss, _ = run(cmd, site, env)
                    results[mode].append((wall, cpu, rss))
                    if is_pufa:
                        dest = outdir / name / mode.split(" ")[0]
                        shutil.rmtree(dest, ignore_errors=True)
                        shutil.copytree(site / "site", dest)
            pages = sum(1 for _ in (outdir / name / "mkdocs").rglob("index.html"))
            print(f"\n## {name} site ({pages} index.html files), best of {args.rounds}, alternating")
            print("| way | wall s (best) | wall s (all) | CPU s (best) | peak RSS MB |")
            print("| --- | --- | --- | --- | --- |")
            for mode, runs in results.items():
                walls = ", ".join(f"{w:.1f}" for w, _, _ in runs)
                print(f"| {mode} | {min(w for w, _, _ in runs):.1f} | {walls} | "
                      f"{min(c for _, c, _ in runs):.1f} | {max(m for _, _, m in runs)} |")
            for a, b in (("mkdocs", "properdocs"), ("mkdocs-cli", "properdocs-cli")):
                c = compare(outdir / name / a, outdir / name / b)
                print(f"\n{a} vs {b}: {c['files']} files, {c['identical']} byte-identical, {c['differ']} differ; "
                      f"differing in more than the generator line and the figures derived from it: "
                      f"{len(c['real'])}; only in {a}: {len(c['only_a'])}, only in {b}: {len(c['only_b'])}")
                print(f"  generator lines: {c['generators']}")
                if (outdir / name / a / "offline" / "sections.js").is_file():
                    fa, fb = plan_figures(outdir / name / a), plan_figures(outdir / name / b)
                    print(f"  offline plan byte counts ({a} -> {b}): "
                          + ", ".join(f"{x} -> {y} ({y - x:+d})" for x, y in zip(fa, fb)))
                for line in c["real"][:20] + c["only_a"][:10] + c["only_b"][:10]:
                    print(f"  {line}")

        print("\n## A link to a missing page (sample site, pufa build --no-check)")
        probe = work / "probe"
        shutil.copytree(sites["sample"], probe, ignore=shutil.ignore_patterns("site"))
        lesson = probe / "content" / "lessons" / "fa-lv-yuan-zhu-fa.md"
        lesson.write_text(lesson.read_text(encoding="utf-8") + BROKEN_LINK, encoding="utf-8")
        for label, cmd, env in (
                ("mkdocs", [str(BIN / "pufa")], None),
                ("properdocs, shim without the logger fix", [str(pd_python), "-c", SHIM], None),
                ("properdocs, shim with the logger fix", [str(pd_python), "-c", SHIM], fix)):
            _, _, _, out = run(cmd + ["build", "--no-check", "--site", str(probe)], probe, env)
            lines = [ln for ln in out.splitlines() if "bu-cun-zai" in ln]
            summary = next((ln for ln in out.splitlines() if ln.startswith("网站已生成")), "")
            print(f"- {label}: {lines[0] if lines else '(no line about the link)'}\n  {summary}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
