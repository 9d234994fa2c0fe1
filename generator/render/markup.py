"""Escaping text from the data for the Markdown pages.

Every value that comes from data goes into a page through `md()`: markup
characters are backslash-escaped (the `pymdownx.escapeall` extension makes
every escape literal) and `<`, `>`, `&` become entities, so a name is never
HTML or Markdown. Values built here on purpose (links, badges) are `Markup`
and pass through unchanged.
"""

from __future__ import annotations

import re
import string

from markupsafe import Markup

ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
PLAIN = "/,;?"  # never markup: left as is so the Markdown stays readable
ESCAPED = {c: "\\" + c for c in string.punctuation if c not in PLAIN} | ENTITIES | {"\n": " ", "\r": " ", "\t": " "}
TABLE = str.maketrans(ESCAPED)
SPECIAL = re.compile("[" + re.escape("".join(ESCAPED)) + "]")


def md(value) -> str:
    """Text safe anywhere in a Markdown line, table cells included."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    text = str(value)
    return text.translate(TABLE) if SPECIAL.search(text) else text


def safe(value) -> Markup:
    """Escaped text from the data, ready to be joined with other Markup (which would HTML-escape a str)."""
    return Markup(md(value))


def md_lines(value: str | None) -> Markup:
    """Multi-line text as Markdown paragraphs, each line escaped."""
    if not value:
        return Markup("")
    return Markup("  \n".join(md(line.strip()) for line in value.split("\n")))


def link(text, target: str) -> Markup:
    return Markup(f"[{md(text)}]({target})")
