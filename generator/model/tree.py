"""The organization tree: which organizations and cells lie under which.

Levels are data, not code: an organization's parent is whatever the data says,
to any depth. Built once per province; answers are lists in data order.
"""

from __future__ import annotations

from functools import cached_property

from . import COMMUNE_KINDS, Province


class Tree:
    def __init__(self, province: Province):
        self.province = province
        self.children: dict[str | None, list[str]] = {}
        for org in province.organizations.values():
            self.children.setdefault(org.parent, []).append(org.id)
        self.direct_cells: dict[str, list[str]] = {}
        for cell in province.cells.values():
            self.direct_cells.setdefault(cell.organization, []).append(cell.id)

    @property
    def roots(self) -> list[str]:
        return self.children.get(None, [])

    def walk(self) -> list[tuple[int, str]]:
        """Every organization with its depth, parents before children, in data order."""
        found, stack = [], [(0, root) for root in reversed(self.roots)]
        while stack:
            depth, org = stack.pop()
            found.append((depth, org))
            stack.extend((depth + 1, child) for child in reversed(self.children.get(org, [])))
        return found

    def ancestors(self, org: str) -> list[str]:
        """The parents of `org`, nearest first."""
        chain, parent = [], self.province.organizations[org].parent
        while parent is not None:
            chain.append(parent)
            parent = self.province.organizations[parent].parent
        return chain

    def subtree(self, org: str) -> list[str]:
        """`org` and every organization below it, depth first."""
        found, stack = [], [org]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(reversed(self.children.get(current, [])))
        return found

    @cached_property
    def _cells_under(self) -> dict[str, list[str]]:
        order = [org for root in self.roots for org in self.subtree(root)]
        result: dict[str, list[str]] = {}
        for org in reversed(order):  # children before their parent
            cells = list(self.direct_cells.get(org, []))
            for child in self.children.get(org, []):
                cells.extend(result[child])
            result[org] = cells
        return result

    def cells_under(self, org: str, residential_only: bool = False) -> list[str]:
        cells = self._cells_under.get(org, [])
        if residential_only:
            return [c for c in cells if self.province.cells[c].residential]
        return cells

    @cached_property
    def _residential_orgs(self) -> set[str]:
        return {org for org in self.province.organizations if self.cells_under(org, residential_only=True)}

    def has_residential_cells(self, org: str) -> bool:
        return org in self._residential_orgs

    def is_commune(self, org: str) -> bool:
        return self.province.organizations[org].kind in COMMUNE_KINDS
