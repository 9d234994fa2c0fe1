"""A `site.tables.Table` as a Markdown table of a page, for site.js to filter and sort."""

from __future__ import annotations

from markupsafe import Markup

from ..site.tables import NUMERIC, Table
from .markup import md


def markdown(table: Table, page: str, interactive: bool = True, placeholder: str = "Lọc, không cần dấu") -> Markup:
    """The table as Markdown; `interactive` wraps it for site.js (text filter, drop-downs, sorting)."""
    align = ["---:" if c.kind in NUMERIC else "---" for c in table.columns]
    lines = ["| " + " | ".join(md(c.title) for c in table.columns) + " |", "|" + "|".join(align) + "|"]
    for row in table.rows:
        cells = [c.cell(row, page) if c.cell else Markup(md(c.text(row))) for c in table.columns]
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    body = "\n".join(lines)
    if not interactive:
        return Markup(f'<div class="board-table" data-name="{table.slug}" markdown>\n\n{body}\n\n</div>\n')
    filters = ",".join(str(n) for n, c in enumerate(table.columns, 1) if c.filter)
    return Markup(f'<div class="data-table" data-name="{table.slug}" data-filters="{filters}" '
                  f'data-placeholder="{md(placeholder)}" markdown>\n\n{body}\n\n</div>\n')
