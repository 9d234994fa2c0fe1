import pytest

from generator.build.output import Output


def test_a_second_write_to_the_same_path_is_refused():
    out = Output()
    out.add("thanh-vien/a.md", "one")
    with pytest.raises(ValueError, match="two writes"):
        out.add("thanh-vien/a.md", "two")


@pytest.mark.parametrize("path", ["../x.md", "/etc/x", "a/../../x", "a\\b.md", "a//b.md", "./a.md"])
def test_a_path_outside_the_output_folder_is_refused(path):
    with pytest.raises(ValueError, match="unsafe"):
        Output().add(path, "x")


def test_sync_rewrites_only_changed_files_and_removes_stale_ones(tmp_path):
    first = Output()
    first.add("a.md", "A")
    first.add("old/b.md", "B")
    assert first.sync(tmp_path) == 2
    second = Output()
    second.add("a.md", "A")
    second.add("new/c.md", "C")
    assert second.sync(tmp_path) == 1
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["a.md", "new", "new/c.md"]


def test_collect_adds_content_now_and_defers_functions_until_made_later():
    out = Output()
    out.collect([("a.md", "# A"), ("b.csv", lambda: b"x,y")])
    assert out.files == {"a.md": b"# A"}
    assert list(out.later) == ["b.csv"]
    assert out.make_later() == {"b.csv": b"x,y"}
