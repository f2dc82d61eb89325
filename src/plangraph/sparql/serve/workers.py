"""The query workers: processes that each hold the store open and answer one query at a time.

A worker is started as ``python -c`` (not forked from a threaded server, and without re-running
the caller's main module as multiprocessing's spawn would); jobs and answers travel over two
pipes, and its stderr goes to a file the pool reads when the worker dies. Before it opens the
store a worker shuts off its own network and bounds its memory (:mod:`.sandbox`).

The pool hands each job to an idle worker. A worker past the time limit is killed; one that
dies (its memory ceiling, a crash) or that answered with more than the endpoint allows is
retired; either way a new worker takes its place and the server goes on.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plangraph.errors import DataError, InputError

__all__ = ["Job", "Pool", "plain_answer"]

_READY_WAIT = 60.0  # seconds a new worker may take to open the store

Answer = tuple[int, str, bytes]  # HTTP status, content type, body


@dataclass(frozen=True)
class Job:
    """One query for a worker, as the protocol read it."""

    query: str
    accept: str | None
    formats: tuple[str, ...]
    default_graph: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    max_rows: int | None
    max_bytes: int | None


def plain_answer(status: int, message: str) -> Answer:
    return status, "text/plain; charset=utf-8", (" ".join(message.split()) + "\n").encode()


# --- inside a worker -------------------------------------------------------------------------


def worker_main(argv: list[str]) -> None:
    """A worker process (argv: jobs pipe, answers pipe, store folder, memory|disk, MiB)."""
    from multiprocessing.connection import Connection

    from plangraph.sparql.serve.sandbox import limit_memory, shut_off_network

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    jobs = Connection(int(argv[0]), writable=False)
    answers = Connection(int(argv[1]), readable=False)
    store_dir, memory, megabytes = Path(argv[2]), argv[3] == "memory", int(argv[4])
    unguarded = [why for why in (shut_off_network(), limit_memory(megabytes)) if why]

    from plangraph.sparql.store import _current_snapshot, open_store

    try:
        snapshot = _current_snapshot(store_dir)
        store = open_store(store_dir, memory=memory)
    except Exception as exc:
        answers.send(f"cannot open the store: {exc}")
        return
    answers.send(("ready", unguarded))
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:  # a new build into the store: read the new snapshot
            current = _current_snapshot(store_dir)
            if current != snapshot:
                store, snapshot = open_store(store_dir, memory=memory), current
        except DataError:
            pass
        answer, retire = _answer(store, job, megabytes)
        answers.send((answer, retire))
        if retire:  # its heap has grown past what it needs: a fresh worker takes over
            return


_OUT_OF_MEMORY = (
    "the query needed more memory than this endpoint allows a query ({} MiB) and was stopped;"
    " narrow it (fewer joins, LIMIT) or ask for less"
)


def _answer(store: Any, job: Job, megabytes: int) -> tuple[Answer, bool]:
    """The HTTP answer to ``job``, and whether the worker should make way for a new one."""
    from plangraph.sparql.execute import run
    from plangraph.sparql.prepare import prepare
    from plangraph.sparql.results import evaluation
    from plangraph.sparql.serve.negotiation import negotiate, offered
    from plangraph.sparql.writers import TooLarge, answer_kind, write_bounded

    try:
        prepared = prepare(job.query, as_text=True)
        answer = run(
            store, prepared, default_graph=job.default_graph, named_graphs=job.named_graphs
        )
        kind = answer_kind(answer)
        fmt = negotiate(kind, job.accept, list(job.formats))
        if fmt is None:
            message = f"cannot give this result in the format asked for; offered: {offered(kind)}"
            return plain_answer(406, message), False
        with evaluation(prepared.origin):
            body = write_bounded(answer, fmt, max_rows=job.max_rows, max_bytes=job.max_bytes)
    except TooLarge as exc:
        if exc.what == "bytes":
            message = (
                f"the answer is larger than {exc.limit} bytes, the limit of this endpoint;"
                " narrow the query or add LIMIT"
            )
            return plain_answer(503, message), True
        message = (
            f"the result has more than {exc.limit} {exc.what}, the limit of this endpoint;"
            " narrow the query or add LIMIT"
        )
        return plain_answer(422, message), False
    except InputError as exc:
        return plain_answer(400, str(exc)), False
    except MemoryError:
        return plain_answer(503, _OUT_OF_MEMORY.format(megabytes)), True
    except Exception as exc:  # a bug: report it, keep the worker
        return plain_answer(500, f"internal error: {type(exc).__name__}: {exc}"), False
    return (200, fmt.media_type, body), False


# --- in the server ---------------------------------------------------------------------------


class _Worker:
    """One worker process and its two pipes."""

    def __init__(self, store_dir: Path, memory: bool, megabytes: int) -> None:
        from multiprocessing.connection import Connection

        jobs_read, jobs_write = os.pipe()
        answers_read, answers_write = os.pipe()
        package_root = str(Path(__file__).resolve().parents[3])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        code = (
            "import sys; from plangraph.sparql.serve.workers import worker_main;"
            " worker_main(sys.argv[1:])"
        )
        self.stderr = tempfile.TemporaryFile()
        argv = [str(jobs_read), str(answers_write), str(store_dir)]
        argv += ["memory" if memory else "disk", str(megabytes)]
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", code, *argv],
                pass_fds=(jobs_read, answers_write),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self.stderr,
                env=env,
            )
        except BaseException:
            self.stderr.close()
            raise
        finally:
            os.close(jobs_read)
            os.close(answers_write)
        self._jobs = Connection(jobs_write, readable=False)
        self._answers = Connection(answers_read, writable=False)
        self.unguarded: list[str] = []

    def send(self, job: object) -> None:
        self._jobs.send(job)

    def poll(self, timeout: float) -> bool:
        return self._answers.poll(timeout)

    def recv(self) -> Any:
        return self._answers.recv()

    def wait_ready(self, timeout: float) -> None:
        try:
            message = self.recv() if self.poll(timeout) else None
        except (EOFError, OSError):
            message = f"the query worker stopped while starting: {self.last_words()}"
        if isinstance(message, tuple) and message[0] == "ready":
            self.unguarded = list(message[1])
            return
        self.kill()
        raise DataError(str(message or f"a query worker did not start within {timeout:.0f} s"))

    def last_words(self) -> str:
        """The end of what the worker wrote to stderr (why it died, if it said)."""
        try:
            self.stderr.seek(0, os.SEEK_END)
            size = self.stderr.tell()
            self.stderr.seek(max(size - 2000, 0))
            tail = self.stderr.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            return ""
        return " ".join(tail.split())[-300:]

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        for conn in (self._jobs, self._answers):
            conn.close()

    def close(self) -> None:
        self.kill()
        self.stderr.close()

    def stop(self) -> None:
        try:
            self.send(None)
            self.process.wait(2)
        except Exception:  # already gone, or slow to go: it is killed below
            pass
        self.close()


class Pool:
    """Worker processes, each with the store open; a stuck or spent one is replaced."""

    def __init__(
        self,
        store_dir: Path,
        size: int,
        *,
        memory: bool = False,
        megabytes: int = 0,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.store_dir = store_dir
        self.size = max(1, size)
        self.memory = memory
        self.megabytes = megabytes
        self.log = log
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closing = False
        self.unguarded: list[str] = []  # what the workers could not set up (see .sandbox)

    def start(self) -> None:
        started = [self._new() for _ in range(self.size)]
        try:
            for worker in started:
                worker.wait_ready(_READY_WAIT)
                self.unguarded = worker.unguarded
                self._idle.put(worker)
        except BaseException:
            self.close()
            raise

    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._workers]

    def _new(self) -> _Worker:
        worker = _Worker(self.store_dir, self.memory, self.megabytes)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.close()
        with self._lock:
            self._workers.discard(worker)
        threading.Thread(target=self._replace, daemon=True).start()

    def _replace(self) -> None:
        if self._closing:
            return
        worker = self._new()
        try:
            worker.wait_ready(_READY_WAIT)
        except DataError as exc:
            with self._lock:
                self._workers.discard(worker)
            worker.close()
            if self.log:
                self.log(f"a new query worker did not start: {exc}")
            return
        if self._closing:
            worker.stop()
        else:
            self._idle.put(worker)

    def _died(self, worker: _Worker) -> Answer:
        worker.process.wait(10)
        words = worker.last_words()
        code = worker.process.returncode
        self._retire(worker)
        if self.log:
            self.log(f"query worker {worker.process.pid} ended ({code}): {words or 'no message'}")
        if code == -signal.SIGABRT or "memory allocation" in words or "MemoryError" in words:
            if self.megabytes:
                return plain_answer(503, _OUT_OF_MEMORY.format(self.megabytes))
        signal_name = f"signal {-code}" if code is not None and code < 0 else f"exit {code}"
        return plain_answer(
            503, f"the query worker crashed ({signal_name}) on this query; it has been replaced"
        )

    def run(self, job: Job, timeout: float) -> Answer:
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return plain_answer(
                503, f"busy: no worker was free within the time limit of {timeout:g} s"
            )
        try:
            worker.send(job)
            if worker.poll(max(deadline - time.monotonic(), 0.0)):
                answer: Answer
                answer, retire = worker.recv()
                if retire:
                    self._retire(worker)
                else:
                    self._idle.put(worker)
                return answer
        except (EOFError, OSError):
            return self._died(worker)
        self._retire(worker)
        return plain_answer(
            503, f"the query ran past the time limit of {timeout:g} s and was stopped"
        )

    def close(self) -> None:
        self._closing = True
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.stop()
