"""Sign-in accounts: a file nginx reads (`login:hash:role`), holding only password hashes.

The hash is bcrypt (`$2y$`), made and checked by the system's crypt(3) (libxcrypt on
Debian 12, the library nginx itself calls), so nginx reads what this writes. The third
field is a comment to nginx; here it is the account's role. Logins are checked against
the data: a member account is a member's id, a committee account the id of a top-level
organization, and a login that is both is refused.
"""

from __future__ import annotations

import csv
import ctypes
import ctypes.util
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from ..model import Province
from ..model.tree import Tree
from .access import BOARD, COMMITTEE, MEMBER, OFFICE, ROLES

LOGIN = re.compile(r"[a-z0-9][a-z0-9-]*")
BCRYPT_COST = 6   # nginx checks the password on every request; the passwords made here are random (96 bits)
PASSWORD_BYTES = 12


@dataclass(frozen=True)
class Account:
    login: str
    hash: str
    role: str


def crypt_library():
    library = ctypes.CDLL(ctypes.util.find_library("crypt") or "libcrypt.so.1")
    library.crypt.restype = ctypes.c_char_p
    library.crypt.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    library.crypt_gensalt.restype = ctypes.c_char_p
    library.crypt_gensalt.argtypes = [ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p, ctypes.c_int]
    return library


def hash_password(password: str) -> str:
    library = crypt_library()
    salt = library.crypt_gensalt(b"$2y$", BCRYPT_COST, os.urandom(16), 16)
    hashed = library.crypt(password.encode("utf-8"), salt)
    if not salt or not hashed or not hashed.startswith(b"$2y$"):
        raise RuntimeError("crypt(3) of this system cannot make bcrypt hashes")
    return hashed.decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    result = crypt_library().crypt(password.encode("utf-8"), hashed.encode("ascii"))
    return result is not None and secrets.compare_digest(result.decode("ascii"), hashed)


def new_password() -> str:
    return secrets.token_urlsafe(PASSWORD_BYTES)


def read(path: Path) -> dict[str, Account]:
    accounts = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                login, hashed, role = (line.split(":") + ["", ""])[:3]
                accounts[login] = Account(login, hashed, role)
    return accounts


def write(path: Path, accounts: dict[str, Account]) -> None:
    """The whole file replaced in one step; readable by its owner and group (nginx's) only, which it keeps."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(f".{path.name}.new")
    staged.write_text("".join(f"{a.login}:{a.hash}:{a.role}\n" for a in sorted(accounts.values(),
                                                                                key=lambda a: a.login)),
                      encoding="utf-8")
    os.chmod(staged, 0o640)
    if path.exists():   # keep the owner and group given to the file (nginx's group reads it)
        owner = path.stat()
        try:
            os.chown(staged, owner.st_uid, owner.st_gid)
        except PermissionError:
            pass
    os.replace(staged, path)


def problems(login: str, role: str, province: Province, tree: Tree) -> list[str]:
    """Why an account cannot be, in words for whoever runs the command; nothing when it can."""
    is_member, is_org = login in province.members, login in province.organizations
    if not LOGIN.fullmatch(login):
        return [f"tên đăng nhập “{login}”: chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang"]
    if role not in ROLES:
        return [f"tài khoản {login}: vai trò “{role}” → một trong {', '.join(ROLES)}"]
    if is_member and is_org:
        return [f"tài khoản {login}: vừa là mã một đồng chí vừa là mã một đảng bộ → đổi mã một bên trong dữ liệu"]
    if role == MEMBER and not is_member:
        return [f"tài khoản {login}: vai trò member → phải là mã một đồng chí trong data/members.yml"]
    if role == COMMITTEE and login not in tree.roots:
        return [f"tài khoản {login}: vai trò committee → phải là mã một đảng bộ trực thuộc Tỉnh ủy"]
    if role in (BOARD, OFFICE) and (is_member or is_org):
        return [f"tài khoản {login}: vai trò {role} → không được trùng mã một đồng chí hay một đảng bộ"]
    return []


def check_all(accounts: dict[str, Account], province: Province) -> list[str]:
    tree = Tree(province)
    return [p for a in accounts.values() for p in problems(a.login, a.role, province, tree)]


def set_password(path: Path, login: str, role: str, province: Province) -> tuple[str | None, list[str]]:
    """Create or reset an account; the new password (shown once, never stored) or the problems."""
    found = problems(login, role, province, Tree(province))
    if found:
        return None, found
    password = new_password()
    accounts = read(path)
    accounts[login] = Account(login, hash_password(password), role)
    write(path, accounts)
    return password, []


def import_csv(csv_path: Path, path: Path, province: Province) -> list[str]:
    """Hash every account of a `login,password,role` file (the sample accounts) into the accounts file."""
    with csv_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    tree = Tree(province)
    found = [p for r in rows for p in problems(r["login"], r["role"], province, tree)]
    if not found:
        write(path, {r["login"]: Account(r["login"], hash_password(r["password"]), r["role"]) for r in rows})
    return found
