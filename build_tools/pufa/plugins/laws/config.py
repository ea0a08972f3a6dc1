"""Settings of the pufa-laws plugin."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class LawsConfig(base.Config):
    # Link citations (《民法典》第一千零七十七条) in every page to the article.
    link_citations = c.Type(bool, default=True)
    # Warn about citations of laws that are not in the library.
    warn_unknown_laws = c.Type(bool, default=True)
