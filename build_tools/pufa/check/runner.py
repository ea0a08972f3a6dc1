"""`pufa check`: the site model's findings, said in Chinese.

The model is the one `pufa build` builds from, so the two report the same
findings with the same counts; check only writes no site (and can fix files).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from pufa.findings import Findings


@dataclass
class Report(Findings):
    findings: list = field(default_factory=list)
    fixed: list = field(default_factory=list)     # (path, what was done)
    pages: int = 0

    def to_json(self) -> str:
        return json.dumps({
            "errors": len(self.errors), "warnings": len(self.warnings), "pages": self.pages,
            "fixed": [{"file": p, "action": a} for p, a in self.fixed],
            "findings": [f.to_dict() for f in self.findings],
        }, ensure_ascii=False, indent=1)


def run(site: Path, today: dt.date | None = None, fix: bool = False) -> Report:
    from pufa import engine

    model, _ = engine.load(site, today=today, fix=fix)
    return Report(model.findings, model.fixed, model.pages)


def docs_dir_of(site: Path) -> Path:
    from pufa import engine

    return engine.read_settings(site)[0].docs_dir
