"""公众号版: a page as HTML the WeChat official-account editor keeps when pasted.

`inline` rewrites rendered HTML with inline styles only; `page` assembles a
content item (its front-matter parts, body, citation notes, QR code) and
`command` is `pufa wechat PAGE`.  Nothing here imports MkDocs.
"""
