"""A hook of the site engine: the one search index holds only the pages every signed-in reader may open.

The index is a single file every account downloads, so a page only some may read
(a member's page, the Board's, an organization's feed) stays out of it. Who may read
what is the table in generator/deploy/access.py, the same nginx enforces.
"""

from generator.deploy.access import everyone_may_read


def on_page_markdown(markdown, page, **kwargs):
    if not everyone_may_read(page.file.dest_uri):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown
