"""nginx's configuration, written from the data, the accounts and the access table.

- `access.conf` (http level): the account → role map, and a map saying whether
  "role:login:/path" may be read, one regular expression per rule of `access.RULES`
  (per committee for the rules that name its organizations);
- `server.conf`: the server block. Every request but a feed file signs in (HTTP Basic);
  the file is then served only when the map allows it, else the same 404 as a missing
  page. nginx decodes `%2e`, `%2f`, removes `..` and doubled slashes before the path is
  matched, and the path matched is the path of the file served, so a variant of an
  address reaches the file the rule was written for or nothing;
- `nginx.conf` (`--standalone`): a whole configuration to run nginx in the foreground
  without root, its pid, logs and temporary files next to it (`make nginx`).
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import re
from pathlib import Path

from ..model import Province
from ..model.tree import Tree
from ..site import registry
from . import access
from .accounts import Account

REALM = "Du sinh hoat chi bo khu dan cu"   # the browser shows it in the sign-in prompt; ASCII for every browser
FINGERPRINTED = r"^/assets/.+\.[0-9a-f]{8}\.min\.(css|js)$"   # the theme's files, named by their content
COMPRESSED = "text/css application/javascript application/json image/svg+xml text/calendar application/xml text/xml"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)

def inline_script_hashes(site: Path) -> list[str]:
    """The CSP hashes of the theme's inline scripts, as found in the built pages."""
    found = {m.group(1) for page in sorted(site.rglob("*.html")) for m in INLINE_SCRIPT.finditer(
        page.read_text(encoding="utf-8"))}
    return sorted("'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
                  for s in found)


def content_security_policy(site: Path) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(site)])
    return ("default-src 'self'; " f"script-src {scripts}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def committees(accounts: dict[str, Account], province: Province) -> dict[str, list[str]]:
    """Each committee's login with the organizations it may see: its own and those under it."""
    tree = Tree(province)
    return {a.login: tree.subtree(a.login) for a in accounts.values() if a.role == access.COMMITTEE}


def allow_lines(accounts: dict[str, Account], province: Province) -> list[str]:
    """The regular expressions of the allow map, over "role:login:/path" (`access.allow_lines`)."""
    return access.allow_lines(committees(accounts, province))


def start_lines() -> list[str]:
    """Where `/` takes each role: its start page in the registry, the login in it for members and committees."""
    return [f"    {role} /{registry.start(registry.Reader(role, '$remote_user'))};" for role in access.ROLES]


def access_conf(accounts: dict[str, Account], province: Province) -> str:
    roles = [f"    {a.login} {a.role};" for a in sorted(accounts.values(), key=lambda a: a.login)]
    return "\n".join([
        "# Written by `sinh-hoat nginx` from the data and the accounts: do not edit by hand.",
        "map_hash_max_size 65536;",
        "map_hash_bucket_size 128;",
        "map $remote_user $dsh_role {",
        '    default "";',
        *roles,
        "}",
        "# Whether the signed-in reader may read the path (the page registry, site.registry.KINDS).",
        'map "$dsh_role:$remote_user:$uri" $dsh_allowed {',
        "    default 0;",
        *allow_lines(accounts, province),
        "}",
        "# Where `/` takes each reader: their start page (site.registry).",
        "map $dsh_role $dsh_start {",
        "    default /index.html;",
        *start_lines(),
        "}",
        "# The file to serve: the path itself when allowed, else one that does not exist (the same 404).",
        "map $dsh_allowed $dsh_file {",
        "    1 $uri;",
        "    default /.khong-duoc-xem;",
        "}",
        "",
    ])


def headers(policy: str, cache: str) -> list[str]:
    """Every location's headers (nginx drops the outer add_header lines where a location has its own)."""
    return [f'add_header Cache-Control "{cache}" always;',
            "add_header X-Content-Type-Options nosniff always;",
            "add_header Referrer-Policy no-referrer always;",
            "add_header X-Frame-Options DENY always;",
            f'add_header Content-Security-Policy "{policy}" always;']


def location(match: str, body: list[str]) -> list[str]:
    return [f"    location {match} {{", *(f"        {line}" for line in body), "    }"]


def server_conf(site: Path, accounts_file: Path, listen: str, server_name: str,
                tls: tuple[Path, Path] | None) -> str:
    policy = content_security_policy(site)
    sign_in = [f'auth_basic "{REALM}";', f"auth_basic_user_file {accounts_file.resolve()};"]
    secure = ["add_header Strict-Transport-Security \"max-age=31536000\" always;"] if tls else []
    listening = [f"    listen {listen} ssl http2;", f"    ssl_certificate {tls[0]};",
                 f"    ssl_certificate_key {tls[1]};"] if tls else [f"    listen {listen};"]
    lines = [
        "# Written by `sinh-hoat nginx`: do not edit by hand.",
        "server {", *listening,
        f"    server_name {server_name};",
        f"    root {site.absolute()};   # not resolved: DEST/current switches to each new publish",
        "    autoindex off;", "    server_tokens off;", "    merge_slashes on;", "    charset utf-8;",
        "    charset_types text/css application/javascript application/json text/calendar image/svg+xml;",
        "    gzip on;", "    gzip_vary on;", "    gzip_comp_level 5;", "    gzip_min_length 512;",
        f"    gzip_types {COMPRESSED};",
        "    absolute_redirect off;   # redirects name a path, never a host taken from the request",
        "    # A missing page and a page the reader may not open: the same 404, the site's own page (404.html).",
        "    error_page 404 /404.html;",
        "    # A folder is its index page, decided before anything is looked up or allowed; the root is the",
        "    # reader's start page (below).",
        "    rewrite ^(.+)/$ $1/index.html last;",
        "",
        "    # The feeds: calendar clients cannot sign in; the secret file name is the key.",
        *location(f'~ "^/{access.PUBLIC}$"', ["types { }", "default_type text/calendar;", *headers(policy, "no-cache"),
                                               *secure, "try_files $uri =404;"]),
        "    # The theme's files named by their content: kept a year by the browser.",
        *location(f'~ "{FINGERPRINTED}"', [*sign_in, *headers(policy, "private, max-age=31536000, immutable"),
                                           *secure, "try_files $dsh_file =404;"]),
        "    # Everything else: signed in, then only what access.RULES allows; pages revalidated each visit.",
        *location("/", [*sign_in, *headers(policy, "private, no-cache"), *secure, "try_files $dsh_file =404;"]),
        "    # The root: each reader's start page (site.registry), once signed in.",
        *location("= /", [*sign_in, *headers(policy, "no-store"), *secure, "try_files /.bat-dau @start;"]),
        *location("@start", [*headers(policy, "no-store"), *secure, "return 302 $dsh_start;"]),
        *location("= /404.html", ["internal;", *headers(policy, "no-store"), *secure]),
        "}",
    ]
    if tls:
        lines += ["server {", f"    listen {listen.rsplit(':', 1)[0] + ':' if ':' in listen else ''}80;",
                  f"    server_name {server_name};", "    return 301 https://$host$request_uri;", "}"]
    return "\n".join(lines) + "\n"


def standalone_conf(folder: Path) -> str:
    """nginx in the foreground without root: everything it writes under `folder`."""
    here = folder.resolve()
    temp = [f"    {kind}_temp_path {here}/temp/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                    "scgi")]
    return "\n".join([
        "# Written by `sinh-hoat nginx --standalone` for `make nginx`: local use only.",
        f"user {getpass.getuser()};   # ignored (with a notice) when not started as root",
        "worker_processes 1;", "daemon off;", f"pid {here}/nginx.pid;", f"error_log {here}/error.log warn;",
        "events { worker_connections 256; }",
        "http {",
        "    include /etc/nginx/mime.types;",
        "    default_type application/octet-stream;",
        f"    access_log {here}/access.log;",
        "    sendfile on;",
        *temp,
        f"    include {here}/access.conf;",
        f"    include {here}/server.conf;",
        "}",
        "",
    ])


def write(out: Path, accounts: dict[str, Account], province: Province, site: Path, accounts_file: Path,
          listen: str, server_name: str = "_", tls: tuple[Path, Path] | None = None,
          standalone: bool = False) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    files = {"access.conf": access_conf(accounts, province),
             "server.conf": server_conf(site, accounts_file, listen, server_name, tls)}
    if standalone:
        files["nginx.conf"] = standalone_conf(out)
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (out / "temp" / kind).mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    return [out / name for name in files]
