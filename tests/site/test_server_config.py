"""`pufa server-config nginx` (issue 18): the configuration an administrator
puts on the bureau's server, read from the built site."""
from __future__ import annotations

import re

from conftest import copy_sample, pufa
from pufa.server_config import inline_code


def test_the_policy_allows_each_inline_script_by_hash_and_nothing_else(sample_site):
    out = pufa("server-config", "nginx", "--site", str(sample_site), check=True).stdout
    csp = re.search(r'set \$pufa_csp "([^"]+)";', out).group(1)
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp and "*" not in csp
    assert "http:" not in csp and "https:" not in csp            # no other host, ever
    code = inline_code(sample_site / "site")
    hashes = re.findall(r"'sha256-[^']+'", directives["script-src"])
    assert len(hashes) == len(code.scripts) + len(code.handlers) >= 3
    # The same script on every page whatever its folder depth: a new section
    # of content does not need a new policy.
    assert not any('new URL("' in s for s in code.scripts)
    assert len(code.scripts) <= 6
    assert "listen 80;" in out and "listen [::]:80;" in out        # IPv4 and IPv6
    assert f"root {(sample_site / 'site').resolve()};" in out
    assert "# add_header Strict-Transport-Security" in out         # for the HTTPS block only
    assert "# brotli_static on;" in out                            # needs a module: off unless asked


def test_it_says_what_to_do_before_the_site_is_built_or_with_a_bad_address(tmp_path):
    site = copy_sample(tmp_path / "s")
    result = pufa("server-config", "nginx", "--site", str(site))
    assert result.returncode != 0 and "pufa build" in result.stderr and "Traceback" not in result.stderr
    (site / "site").mkdir()
    (site / "site" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    result = pufa("server-config", "nginx", "--listen", "127.0.0.1：8080", "--site", str(site))
    assert result.returncode != 0 and "--listen" in result.stderr and "127.0.0.1:8080" in result.stderr
