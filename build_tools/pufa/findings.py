"""A finding is one thing wrong with the content, said in Chinese with a fix."""
from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "错误"
WARNING = "警告"


@dataclass(frozen=True)
class Finding:
    severity: str           # ERROR or WARNING
    file: str               # path as staff see it, e.g. content/lessons/a.md
    line: int | None
    message: str            # what is wrong, in Chinese
    hint: str = ""          # how to fix it, in Chinese
    column: int | None = None
    code: str = ""          # stable identifier for tests and JSON (e.g. "schema.missing")

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def location(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def format(self) -> str:
        text = f"{self.severity}  {self.location()}  {self.message}"
        if self.hint:
            text += f"\n      修改方法：{self.hint}"
        return text

    def to_dict(self) -> dict:
        return asdict(self)


class Findings:
    """Errors and warnings of anything that has `findings`."""

    findings: list

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def format_all(findings: list[Finding]) -> str:
    return "\n".join(f.format() for f in findings)


def summary(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    return f"共 {errors} 个错误，{warnings} 个警告"
