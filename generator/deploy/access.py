"""Who may read what: one table of path patterns, turned into nginx's rules and used by the build.

A path is the file's path in the site (`thanh-vien/an.html`). A pattern is a regular
expression over it; `{self}` stands for the reader's own login (a member's id) and
`{org}` for an organization the reader's committee may see (its own and those under it).
The first rule whose pattern matches and that names the reader's role lets the reader
in; nothing else does. Not signed in, a reader gets only the feed files (`PUBLIC`): a
calendar client cannot sign in, and the secret file name is the key.

To put a new kind of page behind the right door, add a row here: the nginx rules
(`nginx.py`), the search index (only pages everyone signed in may read) and the access
matrix in the tests all follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MEMBER, COMMITTEE, BOARD, OFFICE = "member", "committee", "board", "office"
ROLES = (MEMBER, COMMITTEE, BOARD, OFFICE)
SIGNED_IN = ROLES
ID = "[a-z0-9][a-z0-9-]*"   # member and organization ids, as the schema allows them
PUBLIC = r"lich/[a-z2-7]{32}\.ics"   # a feed, by its secret name


@dataclass(frozen=True)
class Rule:
    pattern: str                 # over the path in the site, with {self} and {org}
    roles: tuple[str, ...]
    what: str


RULES = (
    Rule(r"(index|quy-dinh|404)\.html", SIGNED_IN, "the home page and the regulation"),
    Rule(r"huong-dan/[a-z0-9-]+\.html", SIGNED_IN, "guidance"),
    Rule(r"(assets|javascripts|search)/.+", SIGNED_IN, "the theme, scripts and the search index"),
    Rule(r"sitemap\.xml(\.gz)?", SIGNED_IN, "the sitemap (page addresses only)"),
    Rule(r"lich/[a-z2-7]{32}\.svg", SIGNED_IN, "a feed's QR code: its secret name is the key, as for the feed"),
    Rule(r"thanh-vien/index\.html", (MEMBER,), "the members' index"),
    Rule(r"to-chuc/[a-z0-9-]+\.html", (MEMBER,), "the organizations' index and pages"),
    Rule(r"thanh-vien/{self}\.html", (MEMBER,), "the member's own page"),
    Rule(r"bao-cao/{self}-[0-9]{4}(-[qh][1-4])?(\.html|-[0-9]{4}-[0-9]{2}-[0-9]{2}\.docx)", (MEMBER,), "the member's own report drafts"),
    Rule(r"api/feeds/{self}\.json", (MEMBER,), "what the member's own feed holds"),
    Rule(r"to-chuc/{org}\.html", (COMMITTEE,), "its organization's page and those under it"),
    Rule(r"to-chuc/{org}/.+", (COMMITTEE,), "their feeds and lists (a folder per organization)"),
    Rule(r".*", (BOARD, OFFICE), "everything"),
)


def pattern(rule: Rule, login: str, orgs: list[str]) -> str:
    """The rule's regular expression for one reader."""
    text = rule.pattern.replace("{self}", re.escape(login))
    return text.replace("{org}", "(" + "|".join(re.escape(o) for o in orgs) + ")" if orgs else "(?!)")


def may_read(path: str, role: str, login: str = "", orgs: list[str] | None = None) -> bool:
    """The table read in Python, as nginx reads it: for the search index and the tests."""
    return any(role in rule.roles and re.fullmatch(pattern(rule, login, orgs or []), path) for rule in RULES)


def everyone_may_read(path: str) -> bool:
    """Readable by every account, whatever its login: what the single search index may hold."""
    return all(may_read(path, role) for role in SIGNED_IN)


def public(path: str) -> bool:
    return re.fullmatch(PUBLIC, path) is not None
