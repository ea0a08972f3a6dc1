"""The site model: everything pufa knows about one site, loaded once per run.

`pufa check`, `pufa build`, `pufa serve`, `pufa poster` and every plugin share
it.  Nothing here imports MkDocs: the engine adapter (pufa.engine) reads the
settings and hands them in, the plugins translate MkDocs' events into calls.
"""
