"""The progress line of `khparse batch` on stderr: done/total, rate, ETA and the file now awaited.

Shown only when stderr is a terminal (a log file or a pipe gets the summary alone). Records and the
progress line may share that terminal (`khparse batch DIR` with stdout not redirected), so the line
is one terminal row drawn after a carriage return and erased (`\\r` + erase to end of line) before
anything else is written: a record is always printed whole, on a row of its own, and the line is
redrawn under it. It is cut to the terminal's width, since a row that wraps could not be erased.

The rate and ETA count only documents converted in this run; records taken over from the manifest
of an earlier run (resume) come at once and would make the ETA far too hopeful.

The line also moves while no record arrives (one scan can take minutes): the batch loop calls
`tick()` each time it has waited for its workers, at least every half second, and `tick()` redraws
when REFRESH seconds have passed, so the elapsed time, rate and ETA stay live. That happens in the
loop's own thread, between records, never from a timer thread: nothing can interleave with a record.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from typing import TextIO

ERASE = "\r\x1b[K"  # back to the start of the row, erase to its end
REFRESH = 0.5  # seconds between redraws while no record arrives


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _printable(name: str) -> str:
    """A name as one row: a newline or an escape sequence inside a file name must not move the cursor."""
    return "".join(c if c.isprintable() else "?" for c in name)


class Progress:
    """`done(name_of_next)` after each record; `tick()` while waiting; `clear()` before writing
    anything else to the terminal."""

    def __init__(self, stream: TextIO, total: int, *, clock: Callable[[], float] = time.monotonic,
                 width: Callable[[], int] = lambda: shutil.get_terminal_size().columns) -> None:
        self.stream, self.total, self._clock, self._width = stream, total, clock, width
        self.count = self.converted = 0
        self.started = clock()
        self.current = ""
        self._shown = False
        self._drawn_at = self.started

    def line(self) -> str:
        """The text of the progress line (without control characters), cut to the terminal's width."""
        elapsed = self._clock() - self.started
        rate = self.converted / elapsed if elapsed > 0 else 0.0
        left = self.total - self.count
        eta = _clock(left / rate) if rate > 0 else "?"
        percent = 100 * self.count // max(self.total, 1)
        text = f"{self.count}/{self.total} ({percent}%) {_clock(elapsed)} {rate:.1f}/s ETA {eta}"
        room = max(self._width() - 1, 20)  # the last column would make some terminals wrap
        name, budget = self.current if left else "", room - len(text) - 2
        if name and budget >= 8:  # keep the end of a long name, which tells files apart
            text += "  " + (name if len(name) <= budget else "…" + name[-(budget - 1):])
        return text[:room]

    def draw(self) -> None:
        self.stream.write(ERASE + self.line())
        self.stream.flush()
        self._shown = True
        self._drawn_at = self._clock()

    def tick(self) -> None:
        """Redraw if the line is REFRESH seconds old: the clock, rate and ETA move between records."""
        if self._clock() - self._drawn_at >= REFRESH:
            self.draw()

    def clear(self) -> None:
        """Erase the line, so what is written next starts a clean row."""
        if self._shown:
            self.stream.write(ERASE)
            self.stream.flush()
            self._shown = False

    def done(self, *, resumed: bool, next_name: str | None) -> None:
        """One more record; `next_name` is the input the stream now waits for (None at the end)."""
        self.count += 1
        self.converted += not resumed
        self.current = _printable(next_name or "")
        self.draw()

    def start(self, first_name: str | None) -> None:
        self.current = _printable(first_name or "")
        self.draw()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.clear()  # the summary, or an error message, starts on a clean row
