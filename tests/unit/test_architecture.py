"""The architecture as rules a change cannot quietly break: plugins only
translate events, and only the engine adapter and the plugins know MkDocs."""
from __future__ import annotations

import ast

from conftest import ROOT

PKG = ROOT / "build_tools" / "pufa"
ADAPTER = PKG / "engine.py"


def imports_of(path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_plugins_and_the_engine_adapter_import_mkdocs():
    offenders = [p.relative_to(PKG).as_posix() for p in PKG.rglob("*.py")
                 if p != ADAPTER and "plugins" not in p.relative_to(PKG).parts
                 and any(n == "mkdocs" or n.startswith("mkdocs.") for n in imports_of(p))]
    assert offenders == []


def test_no_plugin_imports_another():
    plugins = [d for d in (PKG / "plugins").iterdir() if d.is_dir() and (d / "plugin.py").exists()]
    assert {d.name for d in plugins} >= {"content", "laws", "search", "offline"}
    for folder in plugins:
        for path in folder.rglob("*.py"):
            for name in imports_of(path):
                if name.startswith("pufa.plugins."):
                    assert name.split(".")[2] == folder.name, f"{path.relative_to(PKG)} imports {name}"


def test_plugins_hold_hooks_only():
    """A plugin module defines its plugin class and nothing else of size: the
    work is in pufa.site.run and the domain modules."""
    for path in (PKG / "plugins").rglob("plugin.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        assert [n.name for n in top if isinstance(n, ast.FunctionDef)] == [], path
        for cls in (n for n in top if isinstance(n, ast.ClassDef)):
            for fn in (n for n in cls.body if isinstance(n, ast.FunctionDef)):
                assert fn.name.startswith(("on_", "__init__", "_outline_law")), f"{path}: {fn.name}"
                assert fn.end_lineno - fn.lineno < 40, f"{path}: {fn.name} is {fn.end_lineno - fn.lineno} lines"
