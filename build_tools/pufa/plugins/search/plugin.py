"""The pufa-search MkDocs plugin: the options of pufa's 中文搜索.

Only options (config.py): the engine adapter reads them into the site's
settings, and the pufa plugin's hooks do the work (pufa.site.run).
"""
from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from pufa.plugins.search.config import SearchConfig


class SearchPlugin(BasePlugin[SearchConfig]):
    supports_multiple_instances = False

    def on_config(self, config):
        if "pufa" not in config.plugins:
            raise PluginError("mkdocs.yml 的 plugins 里有 pufa-search，却没有 pufa：pufa-search 要和 pufa 一起用。\n"
                              "      修改方法：在 plugins: 下面加一行「  - pufa」（可以照 pufa init 新建的网站抄）")
        return config
