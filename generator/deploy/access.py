"""Who may read what, as nginx reads it: the page registry (`site.registry`) turned into regular expressions.

Each kind of page and each kind of reader that may read it gives one line of nginx's allow map, over
"role:login:/path": a member's own files bind `{member}` to the login (a back-reference), a committee's
bind `{org}` to its organization and those under it (one line per committee account). Nothing else is
allowed; not signed in, a reader reaches only the feed files (`PUBLIC`).
"""

from __future__ import annotations

from ..site import registry
from ..site.registry import KINDS, Access, Reader, Role, Scope

ROLES = tuple(Role)
MEMBER, COMMITTEE, BOARD, OFFICE = Role.MEMBER, Role.COMMITTEE, Role.BOARD, Role.OFFICE
ID = registry.ID   # member and organization ids, as the schema allows them and no reserved name
PUBLIC = "|".join(registry.regex(p, named=False) for k in KINDS.values() if k.public for p in (k.pattern, *k.files))


def allow_lines(committees: dict[str, list[str]]) -> list[str]:
    """The allow map's lines: for each kind, each reader that may read it. `committees`: each committee
    account's login with the organizations it sees."""
    lines = []
    for kind in KINDS.values():
        for pattern in (kind.pattern, *kind.files):
            for access in kind.readers:
                lines += lines_for(access, pattern, committees)
    return lines


def lines_for(access: Access, pattern: str, committees: dict[str, list[str]]) -> list[str]:
    role = access.role.value
    if access.scope is Scope.SELF:
        return [line(role, f"({ID})", registry.regex(pattern, named=False, member=r"\1"))]
    if access.scope is Scope.SUBTREE:
        return [line(role, escape(login), registry.regex(pattern, named=False,
                                                         org="(?:" + "|".join(map(escape, orgs)) + ")"))
                for login, orgs in sorted(committees.items()) if orgs]
    return [line(role, ID, registry.regex(pattern, named=False))]


def escape(name: str) -> str:
    """An id in a regular expression: ids are lowercase letters, digits and '-', none of them special."""
    return name


def line(role: str, login: str, path: str) -> str:
    return f'    "~^{role}:{login}:/{path}$" 1;'


def reader(role: str, login: str = "", orgs: list[str] | None = None) -> Reader:
    return Reader(Role(role), login, frozenset(orgs or ()))


def may_read(path: str, role: str, login: str = "", orgs: list[str] | None = None) -> bool:
    """The table read in Python, as nginx reads it: for the tests."""
    return registry.may_read(path, reader(role, login, orgs))


def everyone_may_read(path: str) -> bool:
    """Readable by every account, whatever its login: what the single search index may hold."""
    found = registry.kinds_of(path)
    return bool(found) and all(k.for_everyone for k in found)
