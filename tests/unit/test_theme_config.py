"""theme/main.html overrides Material's page config (block config): it must keep
naming the files and keys Material's own template does, or an upgrade breaks pages."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT


def material_templates() -> Path:
    import material
    return Path(material.__file__).parent / "templates"


def test_the_config_block_names_materials_worker_and_keys():
    ours = (ROOT / "theme" / "main.html").read_text(encoding="utf-8")
    block = ours[ours.index("{% block config %}"):ours.index("{% endblock %}", ours.index("{% block config %}"))]
    base = (material_templates() / "base.html").read_text(encoding="utf-8")
    theirs = base[base.index("{% block config %}"):base.index("{% endblock %}", base.index("{% block config %}"))]
    worker = re.search(r'"(assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)"', block).group(1)
    assert worker in theirs and (material_templates() / worker).is_file()
    keys = lambda text: set(re.findall(r'^\s*"([a-z_.]+)":', text, re.M))    # noqa: E731
    dropped = keys(theirs) - keys(block)
    assert dropped and all(k.startswith("search.result") for k in dropped), dropped
