"""The law library: corpus parsing, versions and status, citations. No MkDocs here."""
