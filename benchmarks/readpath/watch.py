"""Watching the API while it is under load: the RSS of its processes, and py-spy profiles."""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
from pathlib import Path

import psutil

from benchmarks.readpath.endpoints import Lookup
from benchmarks.readpath.measure import wrk


class RssWatch:
    """Largest RSS of a server and each of its child processes, sampled while under load."""

    def __init__(self, pid: int) -> None:
        self.parent = psutil.Process(pid)
        self.largest: dict[int, int] = {}
        self.commands: dict[int, str] = {}
        self.lingua: set[int] = set()
        """Processes that had loaded lingua (its library mapped) when the watch ended."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            # The server process itself (the only one with one worker) and its children.
            for child in [self.parent, *self.parent.children(recursive=True)]:
                try:
                    rss = child.memory_info().rss
                    self.commands.setdefault(child.pid, self._role(child))
                except psutil.Error:
                    continue
                self.largest[child.pid] = max(rss, self.largest.get(child.pid, 0))

    def _role(self, process: psutil.Process) -> str:
        """What the process is (no paths): the server, a worker, the resource tracker."""
        if process.pid == self.parent.pid:
            return "server process"
        command = " ".join(process.cmdline())
        if "resource_tracker" in command:
            return "resource tracker"
        workers = sum(1 for role in self.commands.values() if role.startswith("worker"))
        return f"worker {workers + 1}" if "multiprocessing" in command else "other"

    def __enter__(self) -> RssWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        for pid in self.largest:
            try:
                maps = psutil.Process(pid).memory_maps()
            except psutil.Error:
                continue
            if any("lingua" in Path(mapped.path).name for mapped in maps):
                self.lingua.add(pid)


def profile(
    lookup: Lookup, api: str, api_pid: int, workdir: Path, args: argparse.Namespace
) -> list[str]:
    """Sample one worker with py-spy while wrk loads it; the hottest functions (printed too)."""
    children = psutil.Process(api_pid).children(recursive=True)
    worker = children[-1].pid if children else api_pid  # one worker: the server itself
    raw = workdir / "profile.txt"
    spy = subprocess.Popen(
        [
            Path(sys.executable).with_name("py-spy").as_posix(),
            "record",
            "--pid",
            str(worker),
            "--duration",
            str(args.seconds),
            "--format",
            "raw",
            "--output",
            raw.as_posix(),
            "--nonblocking",
        ]
    )
    wrk(api, lookup.api_paths, workdir, connections=args.connections, seconds=args.seconds,
        random=lookup.random)  # fmt: skip
    spy.wait()
    return print_profile(raw)


def print_profile(raw: Path) -> list[str]:
    """The hottest functions of a raw py-spy recording, by own and by inclusive time.

    Printed, and returned as lines.
    """
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        count = int(count_text)
        frames = stack.split(";")
        total += count
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + count
        own[frames[-1]] = own.get(frames[-1], 0) + count
    lines = [f"py-spy: {total} samples; hottest by own time, then by inclusive time"]
    for title, table in (("own", own), ("inclusive", inclusive)):
        lines.append(f"-- {title}")
        for frame, count in sorted(table.items(), key=lambda item: -item[1])[:25]:
            lines.append(f"{100 * count / max(total, 1):5.1f}%  {frame}")
    print("\n" + "\n".join(lines))
    return lines
