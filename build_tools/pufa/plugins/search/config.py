"""Settings of the pufa-search plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class SearchConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Index sizes: see docs/decisions/0002-search-engine.md before changing them.
    shards = c.Type(int, default=1024)
    max_postings = c.Type(int, default=48)
    snippet_chars = c.Type(int, default=40)
