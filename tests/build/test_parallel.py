"""Work forked to the other core, and the same work where fork is missing or fails."""

from __future__ import annotations

import os
from datetime import date

import pytest

from generator.build import parallel, pipeline
from generator.feeds import tokens
from generator.load.data import load

from ..support.project import ROOT


def test_forked_work_gives_its_result_from_the_child():
    parent = os.getpid()
    assert parallel.forked(lambda: (os.getpid() != parent, [1, "hai"]))() == (True, [1, "hai"])


def test_a_failure_in_the_child_is_raised_in_the_parent_with_its_traceback():
    def broken():
        raise ValueError("hỏng")

    with pytest.raises(RuntimeError, match="ValueError: hỏng"):
        parallel.forked(broken)()


def test_without_fork_the_work_is_done_in_this_process(monkeypatch):
    monkeypatch.delattr(os, "fork")
    parent = os.getpid()
    assert parallel.forked(lambda: (os.getpid() == parent, [1, "hai"]))() == (True, [1, "hai"])


def test_when_fork_fails_the_work_is_done_in_this_process_and_no_pipe_is_left_open(monkeypatch):
    def refuse():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    before = len(os.listdir("/proc/self/fd"))
    parent = os.getpid()
    assert parallel.forked(lambda: os.getpid() == parent)() is True
    assert len(os.listdir("/proc/self/fd")) == before


@pytest.mark.slow
def test_a_build_without_fork_gathers_the_same_pages_and_files(monkeypatch):
    province = load(ROOT / "data")
    with_fork = pipeline.gather(ROOT, province, date(2026, 11, 25), tokens.DEVELOPMENT_SECRET).out
    monkeypatch.delattr(os, "fork")
    without = pipeline.gather(ROOT, province, date(2026, 11, 25), tokens.DEVELOPMENT_SECRET).out
    assert without.files == with_fork.files
    assert without.make_later() == with_fork.make_later()
