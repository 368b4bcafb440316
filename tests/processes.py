"""Find the processes a notebook started, by a marker in their environment.

A notebook's kernel inherits a unique marker from the test run, and so does every process
it starts (a model server, a Spark JVM, Ray workers), so processes are attributed by that
marker, not by name: other work on the same machine cannot make a check pass or fail by
accident.
"""

from __future__ import annotations

import os
import time

MARKER_VARIABLE = "MLPRO_NOTEBOOK_MARKER"


def processes_with_marker(marker: str) -> dict[int, str]:
    """Live (non-zombie) processes, other than this one, whose environment holds marker."""
    found = {}
    needle = marker.encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                if needle not in handle.read():
                    continue
            with open(f"/proc/{entry}/stat") as handle:
                state = handle.read().rsplit(")", 1)[1].split()[0]
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                command = handle.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # the process ended while we looked, or is not ours
            continue
        if state != "Z":
            found[int(entry)] = command
    return found


def wait_until_gone(marker: str, timeout: float = 15.0) -> dict[int, str]:
    """Wait up to ``timeout`` seconds for the marked processes to end; return survivors."""
    deadline = time.monotonic() + timeout
    left = processes_with_marker(marker)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = processes_with_marker(marker)
    return left
