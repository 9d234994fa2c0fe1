"""Hooks of the site engine: the menu, each page's menu and the search index, all from the page registry.

- The menu is `generator.site.registry.MENU` (not written in `mkdocs.yml`), led by "Trang của tôi": the
  site's root, where nginx takes each reader to their start page.
- Each page shows only the menu entries every reader of that page may open, and its previous/next links
  only among them: a member's own page has no Board section; the Board's pages keep the whole menu.
- The one search index holds only the pages every signed-in reader may open.
- Pages the menu does not list are built as "not in the menu" (no warning), all others must be in it.

Who may read what is the registry, the same table nginx enforces (`generator/deploy/access.py`).
"""

from __future__ import annotations

from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section

from generator.deploy.access import everyone_may_read
from generator.site import registry


def on_config(config):
    config.nav = menu_config()
    return config


def menu_config() -> list[dict]:
    """The registry's menu in `mkdocs.yml`'s form, sections grouping their entries; the start link is added
    by `on_nav` (the engine would look for "./" among the pages)."""
    out: list[dict] = []
    for entry in registry.MENU:
        if entry.path == registry.START:
            continue
        item = {entry.title: source(entry.path)}
        if entry.section:
            if not (out and entry.section in out[-1]):
                out.append({entry.section: []})
            out[-1][entry.section].append(item)
        else:
            out.append(item)
    return out


def source(path: str) -> str:
    return path[: -len(".html")] + ".md"


def on_files(files, config):
    listed = {source(e.path) for e in registry.MENU if e.path != registry.START}
    for file in files.documentation_pages():
        if file.src_uri not in listed:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files


def on_nav(nav, config, files):
    start = next(e for e in registry.MENU if e.path == registry.START)
    nav.items.insert(0, Link(start.title, "./"))
    return nav


def on_page_markdown(markdown, page, **kwargs):
    if not everyone_may_read(page.file.dest_uri):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


def on_page_context(context, page, config, nav):
    """The menu as this page's readers may follow it."""
    items = shown(nav.items, page.file.dest_uri)
    context["nav"] = Navigation(items, [])
    context["nav"].pages = pages = [p for p in flat(items) if not isinstance(p, Link)]
    context["nav"].homepage = nav.homepage
    if page in pages:
        at = pages.index(page)
        page.previous_page = pages[at - 1] if at else None
        page.next_page = pages[at + 1] if at + 1 < len(pages) else None
    else:
        page.previous_page = page.next_page = None
    return context


def on_template_context(context, template_name, config):
    """Pages made from a template alone (the 404 page): the menu every reader may follow."""
    if template_name == "404.html" and context.get("nav") is not None:
        context["nav"] = Navigation(shown(context["nav"].items, "404.html"), [])
    return context


def shown(items: list, page: str) -> list:
    out = []
    for item in items:
        if isinstance(item, Section):
            children = shown(item.children, page)
            if children:
                copy = Section(item.title, children)
                copy.parent = None
                copy.active = item.active   # set before its parent: the setter would pass it up
                copy.parent = item.parent
                out.append(copy)
        elif isinstance(item, Link):
            out.append(item)
        elif registry.shown_on(registry.Entry(item.title, item.file.dest_uri), page):
            out.append(item)
    return out


def flat(items: list) -> list:
    return [leaf for item in items for leaf in (flat(item.children) if isinstance(item, Section) else [item])]
