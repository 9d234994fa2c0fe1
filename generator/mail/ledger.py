"""What was sent: one line per message, in `state/mail-ledger.jsonl`, so that a week's letter goes once.

A line is written, and forced to disk, as soon as the server has accepted the message: a run that stops
midway (a crash, a power cut) has recorded exactly what went, and the next run sends only the rest. A
reader's letter of a week is sent once, whatever changed since (the next letter is next week's); a new
address for the reader gets it again. A torn last line (the power went while it was written) is ignored.
Lines older than KEEP_WEEKS are dropped when the ledger is next opened to send.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

from .compose import week_of

PATH = Path("state/mail-ledger.jsonl")
KEEP_WEEKS = 53


@dataclass(frozen=True)
class Entry:
    week: str           # "2026-W48"
    reader: str         # "thanh-vien/nguyen-van-an", "to-chuc/xa-khanh-an", "ban-to-chuc"
    address: str
    digest: str         # the content's hash (compose.Message.digest)
    message_id: str
    sent: str           # when the server accepted it, ISO 8601 with the zone


class Ledger:
    def __init__(self, path: Path):
        self.path = path
        self.entries: list[Entry] = []
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    self.entries.append(Entry(**json.loads(line)))
                except (ValueError, TypeError):
                    continue   # a line torn by a crash: its message is sent again
        self.done = {(e.week, e.reader, e.address) for e in self.entries}

    def sent(self, week: str, reader: str, address: str) -> bool:
        return (week, reader, address) in self.done

    def record(self, entry: Entry) -> None:
        """Append one line and force it to disk before the next message is sent."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True) + "\n")
            f.flush()
            os.fsync(f.fileno())
        self.entries.append(entry)
        self.done.add((entry.week, entry.reader, entry.address))

    def prune(self, as_of: date) -> None:
        """Drop the lines of weeks more than KEEP_WEEKS before `as_of`, rewriting the file in one step."""
        oldest = week_of(as_of - timedelta(weeks=KEEP_WEEKS))
        keep = [e for e in self.entries if e.week >= oldest]
        if len(keep) == len(self.entries) or not self.path.exists():
            return
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text("".join(json.dumps(asdict(e), ensure_ascii=False, sort_keys=True) + "\n" for e in keep),
                             encoding="utf-8")
        os.replace(temporary, self.path)
        self.entries = keep
