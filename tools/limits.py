"""The size limits of the developers' guide, over a source tree: `python tools/limits.py generator`.

No module over 400 lines, no class over 200, no function or method with a cyclomatic complexity
over 15 (radon's, as `radon cc` counts it: a closure counts in the function around it).
Prints every offender, one a line with its file and line, and exits 1 when there is any.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class

MODULE_LINES = 400
CLASS_LINES = 200
COMPLEXITY = 15


def offences(path: Path) -> Iterator[str]:
    code = path.read_text(encoding="utf-8")
    lines = len(code.splitlines())
    if lines > MODULE_LINES:
        yield f"{path}: module of {lines} lines (at most {MODULE_LINES})"
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.ClassDef):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            size = node.end_lineno - first + 1
            if size > CLASS_LINES:
                yield f"{path}:{node.lineno}: class {node.name} of {size} lines (at most {CLASS_LINES})"
    for block in cc_visit(code):  # functions and methods, and classes (their methods are listed too)
        if not isinstance(block, Class) and block.complexity > COMPLEXITY:
            yield (f"{path}:{block.lineno}: {block.fullname} has cyclomatic complexity "
                   f"{block.complexity} (at most {COMPLEXITY})")


def main(folders: list[str]) -> int:
    found = [line for folder in folders for path in sorted(Path(folder).rglob("*.py")) for line in offences(path)]
    print("\n".join(found) if found else f"Within the limits: {', '.join(folders)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["generator"]))
