"""Open a data file only when it is what it claims to be: a regular file inside the data folder.

Everything is decided from `os.lstat`/`os.stat` before anything is opened, so a FIFO, a
device (`/dev/zero`), a symlink loop or a dangling symlink is refused at once and never
blocks or floods the build. A symlink to a file outside the data folder is refused without
reading it. The file is then opened without following links and without blocking, checked
again on the open descriptor, and read up to the size limit, so a file that lies about its
size (`/proc/self/mem`) cannot stall the build either.

Every message names the data file as the user wrote it (`data/reports.yml`), never the
target of a link and never its content.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .problems import Collector

MAX_BYTES = 20 * 1024 * 1024
REPLACE = "; hãy thay bằng tệp dữ liệu YAML thật"
KINDS = (
    (stat.S_ISDIR, "một thư mục"),
    (stat.S_ISFIFO, "một ống dẫn (FIFO)"),
    (stat.S_ISCHR, "một thiết bị"),
    (stat.S_ISBLK, "một thiết bị"),
    (stat.S_ISSOCK, "một socket"),
)
OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def exists(path: Path) -> bool:
    """Whether there is anything at `path`, even a broken link."""
    return os.path.lexists(path)


def contents(path: Path, folder: Path, out: Collector) -> bytes | None:
    """The bytes of the data file at `path`, or None after recording in `out` why it cannot be read."""
    real = target(path, out)
    if real is None:
        return None
    try:
        info = os.stat(real)
    except OSError:
        out.add(None, "", None, "không đọc được thông tin tệp" + REPLACE)
        return None
    if not stat.S_ISREG(info.st_mode):
        out.add(None, "", None, f"đây không phải tệp thường mà là {kind(info.st_mode)}{REPLACE}")
        return None
    if real != str(path) and os.path.commonpath([real, os.path.realpath(folder)]) != os.path.realpath(folder):
        out.add(None, "", None, "tệp là một liên kết (symlink) tới một tệp ngoài thư mục dữ liệu, nên không được "
                                "đọc; hãy chép chính tệp dữ liệu vào thư mục dữ liệu")
        return None
    if info.st_size > MAX_BYTES:
        too_big(info.st_size, out)
        return None
    try:
        handle = os.open(real, OPEN_FLAGS)
    except PermissionError:
        out.add(None, "", None, "không có quyền đọc tệp; hãy cho phép đọc (ví dụ: chmod a+r tên-tệp)")
        return None
    except OSError:
        out.add(None, "", None, "không mở được tệp" + REPLACE)
        return None
    try:
        return read(handle, out)
    finally:
        os.close(handle)


def target(path: Path, out: Collector) -> str | None:
    """The real path of the file, or None when it is a link that leads nowhere."""
    if not os.path.islink(path):
        return str(path)
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            out.add(None, "", None, "tệp là một liên kết (symlink) vòng lặp, không trỏ tới tệp nào" + REPLACE)
        else:
            out.add(None, "", None, "tệp là một liên kết (symlink) trỏ tới tệp không tồn tại" + REPLACE)
        return None
    return os.path.realpath(path)


def read(handle: int, out: Collector) -> bytes | None:
    """At most MAX_BYTES from an open descriptor, checked to be a regular file."""
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            out.add(None, "", None, "đây không phải tệp thường" + REPLACE)
            return None
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(handle, min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError:
        out.add(None, "", None, "không đọc được tệp (lỗi khi đọc)" + REPLACE)
        return None
    if size > MAX_BYTES:
        too_big(size, out)
        return None
    return b"".join(chunks)


def kind(mode: int) -> str:
    return next((name for test, name in KINDS if test(mode)), "một tệp đặc biệt")


def too_big(size: int, out: Collector) -> None:
    out.add(None, "", f"{size // (1024 * 1024)} MB",
            f"tệp quá lớn: tối đa {MAX_BYTES // (1024 * 1024)} MB cho một tệp dữ liệu")
