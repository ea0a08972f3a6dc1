"""Chinese search: terms, the sharded index, and what the browser loads. No MkDocs here."""
