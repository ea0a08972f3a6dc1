"""Thousands of random front matters and file bytes: findings, never a traceback."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pufa.check import placeholders
from pufa.content import types as T
from pufa.content.frontmatter import decode, split
from pufa.content.validate import validate
from pufa.findings import Finding

FIELD_NAMES = sorted({f.name for t in T.TYPES for f in t.fields} | {f.label for t in T.TYPES for f in t.fields})
YAML_BITS = st.sampled_from([":", "：", "\t", '"', "'", "-", "- ", "[", "]", "{", "}", "#", "\n", "  ", "|", ">",
                             "&a", "*a", "!!python/object", "2024-02-30", "2024-05-01", "xx", "待补充", "第xx条",
                             "《民法典》第一千零七十七条", "null", "true", "~", "0x1F", "1e999", "---", "..."])
VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
              st.dates().map(dt.date.isoformat), st.sampled_from(["村民", "妇女", "区级", "保留", "公证"])),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8)


def check_all(text: str) -> None:
    fm, findings = split(text, "content/x.md")
    for f in findings:
        assert isinstance(f, Finding) and f.message
    for ctype in T.TYPES:
        meta, problems = validate(fm, ctype, "content/x.md")
        for f in problems:
            assert f.message and f.severity in ("错误", "警告")
    placeholders.find(fm.body, "content/x.md", fm.body_line)


@settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), VALUES, max_size=8))
def test_random_front_matter_values(data):
    import yaml
    try:
        body = yaml.safe_dump(data, allow_unicode=True)
    except Exception:  # noqa: BLE001 - values yaml itself cannot write are not inputs
        return
    check_all("---\n" + body + "---\n正文\n")


@settings(max_examples=1500, deadline=None)
@given(st.lists(YAML_BITS | st.text(max_size=6), max_size=25))
def test_random_front_matter_text(bits):
    check_all("---\n" + "".join(bits) + "\n---\n正文 xx\n")


@settings(max_examples=1500, deadline=None)
@given(st.binary(max_size=300))
def test_random_file_bytes(raw):
    text, findings = decode(raw, "content/x.md")
    if text is not None:
        check_all(text)
    else:
        assert findings and "UTF-8" in findings[0].message
