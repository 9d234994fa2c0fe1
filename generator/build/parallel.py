"""Work done in a forked child while this process does other work: the build has two cores.
Without fork, the work is done in this process instead.

The child starts with a copy of everything computed so far (nothing to send it), does its
work, and sends back the result, pickled, through a pipe. A failure in the child is raised
again in the parent with the child's traceback.
"""

from __future__ import annotations

import os
import pickle
import traceback
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def forked(work: Callable[[], T]) -> Callable[[], T]:
    """Start `work()` in a child process now; the returned function waits for its result.
    Where there is no `os.fork` (Windows) or it fails (no memory, too many processes), the work is
    done here, at once: the same result, on one core."""
    fork = getattr(os, "fork", None)
    if fork is None:
        return here(work)
    read, write = os.pipe()
    try:
        pid = fork()
    except OSError:
        os.close(read)
        os.close(write)
        return here(work)
    if pid == 0:  # the child
        try:  # the child never returns into the caller's code, whatever happens
            os.close(read)
            try:
                message = pickle.dumps((True, work()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:  # noqa: B036 (everything must reach the parent)
                message = pickle.dumps((False, traceback.format_exc()))
            with os.fdopen(write, "wb") as pipe:
                pipe.write(message)
        finally:
            os._exit(0)  # a parent that stopped listening (it failed first) closed the pipe: nothing to say
    os.close(write)

    def result() -> T:
        with os.fdopen(read, "rb") as pipe:
            ok, value = pickle.loads(pipe.read())
        os.waitpid(pid, 0)
        if not ok:
            raise RuntimeError(f"a forked part of the build failed:\n{value}")
        return value

    return result


def here(work: Callable[[], T]) -> Callable[[], T]:
    """`work()` done in this process, now (an error is raised at once)."""
    value = work()
    return lambda: value
