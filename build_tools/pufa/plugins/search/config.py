"""Settings of the pufa-search plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class SearchConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Index sizes: see docs/decisions/0002-search-engine.md and 0013 (⑥) before changing them.
    shards = c.Type(int, default=4096)
    max_postings = c.Type(int, default=32)
    unit_terms = c.Type(int, default=8)
    common_share = c.Type(float, default=0.03)
    snippet_chars = c.Type(int, default=40)
