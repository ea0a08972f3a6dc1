"""`pufa check`: every mistake staff can make, found before the public sees it. No MkDocs here."""
