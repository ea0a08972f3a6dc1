"""Settings of the pufa-offline plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class OfflineConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # What is saved on a phone at the first visit, at most (MB): the shell, the
    # home and listing pages first, then other pages and the search files.
    precache_mb = c.Type(int, default=30)
    theme_color = c.Type(str, default="#17457a")
