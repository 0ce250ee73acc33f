"""Caps on how long a piece of work may run: a real-time alarm that interrupts it.

Used by the pipeline (each article's stages) and by ingest (reading one file), so that one
pathological input is reported and skipped instead of stalling a run.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

__all__ = ["StageTimeout", "time_cap"]

_REPEAT = 0.05  # seconds between repeated alarms once the time is up


class StageTimeout(BaseException):
    """Raised inside the capped work (a stage, reading a file) when its time runs out.

    A ``BaseException``, like ``KeyboardInterrupt``: code that catches ``Exception`` must not
    swallow it.
    """


@contextmanager
def time_cap(seconds: float | None) -> Iterator[None]:
    """Raise :class:`StageTimeout` in the code inside when it runs for more than ``seconds``.

    A real-time alarm (``SIGALRM``) interrupts Python code and even a long regular-expression
    search (``re`` checks for signals as it goes); C code that never returns to Python is
    interrupted when it does. Alarms exist only on Unix and in a process's main thread, which
    is where the local engine (from the CLI), the process engine's workers and Ray's actors
    run stages; elsewhere the cap is not set (the pipeline's deadline between stages still
    holds). Nothing may ``yield`` inside the cap: the alarm would fire in the consumer.
    """
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None
    armed = [True]

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if armed[0]:
            raise StageTimeout(seconds)

    # The alarm repeats until the work stops: an exception raised where Python cannot pass
    # it on (a garbage-collector callback, a __del__) is dropped, and the next one lands.
    # Dropped ones are not reported as "Exception ignored": they are expected here.
    hook = sys.unraisablehook

    def quiet_hook(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, StageTimeout):
            hook(unraisable)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    sys.unraisablehook = quiet_hook
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
    try:
        yield
    finally:
        while True:  # an alarm landing during the clean-up must not skip the rest of it
            try:
                armed[0] = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                sys.unraisablehook = hook
                break
            except StageTimeout:
                continue
