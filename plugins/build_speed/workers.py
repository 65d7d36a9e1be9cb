"""Forked worker processes that stream results back in order, for rendering on several cores.

A :class:`Pool` forks ``count - 1`` children (``multiprocessing``'s ``fork`` start method, so a
child starts with the whole build in memory: nothing is pickled on the way in). Each child runs
``work(number, send)`` and sends its results through its own pipe, in the order it made them;
a thread per child in the parent moves them into a bounded queue, so a child can run ahead of
the parent by up to :data:`AHEAD` results and never fills the parent's memory.

The parent asks :meth:`Pool.next_result` for child ``number``'s next result. A child that
crashed (exit status, signal), reported a failure or sent nothing for ``timeout`` seconds is
stopped and marked broken: :meth:`Pool.next_result` raises :class:`WorkerFailed` at once (never
a hang), and the caller does the work itself and reports the failure.

Forked children exit with ``os._exit`` (``multiprocessing``'s own), so no ``atexit`` handler and
no Pelican ``finalized`` receiver of the parent ever runs in them.
"""

import contextlib
import logging
import multiprocessing
import os
import queue
import threading
import traceback

# Results a child may have sent that the parent has not used yet.
AHEAD = 64
_DONE = "done"
_FAILED = "failed"
_RESULT = "result"


class WorkerFailed(Exception):
    """A child stopped, failed or went silent; the message says which and how."""


def fork_available() -> bool:
    """True where ``multiprocessing`` can fork (Linux, the BSDs; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def can_fork_now() -> bool:
    """True when forking is available and this process runs one thread only.

    A fork copies only the calling thread; a lock another thread holds at that moment (the
    import lock, a server's) stays locked forever in the child. ``make devserver`` builds in
    a thread beside its web server and watcher, so it builds in one process.
    """
    return fork_available() and threading.active_count() == 1


def quiet_logging(records):
    """In a child: every log record that reaches the handlers is appended to ``records``
    (a list) instead of being printed; the caller decides whether it matters (the parent
    repeats such work itself, so each message is printed once, by the parent)."""

    def call_handlers(self, record):
        records.append(record)

    logging.Logger.callHandlers = call_handlers  # the child's copy of the class only


class Pool:
    """``count - 1`` forked children running ``work(number, send)`` for number 1..count-1.

    Args:
        count: processes in all, the parent included (2 or more).
        work: called in each child with its number and ``send(item)``, which sends one
            picklable result to the parent.
        timeout: seconds the parent waits for one result before it declares the child hung.
        ahead: results a child may send before the parent uses them (then it waits);
            0 for no limit (results that are only signs of progress).
    """

    def __init__(self, count, work, timeout, ahead=AHEAD):
        self.timeout = timeout
        self.broken = None  # the first failure's description, once a child failed
        self._children = {}
        self._threads = {}
        context = multiprocessing.get_context("fork")
        for number in range(1, count):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(
                target=_child, args=(number, work, sender), name=f"build_speed-{number}"
            )
            process.daemon = True  # never outlives the build
            process.start()
            sender.close()
            results = queue.Queue(ahead)
            thread = threading.Thread(target=_drain, args=(receiver, results), daemon=True)
            thread.start()
            self._children[number] = (process, results)
            self._threads[number] = thread

    def next_result(self, number):
        """Return child ``number``'s next result, in the order it sent them.

        Raises:
            WorkerFailed: the child (or an earlier one) failed: it exited, reported an
                exception or sent nothing for ``timeout`` seconds. The pool is broken from
                then on.
        """
        if self.broken:
            raise WorkerFailed(self.broken)
        process, results = self._children[number]
        try:
            kind, value = results.get(timeout=self.timeout)
        except queue.Empty:
            kind, value = _FAILED, f"sent nothing for {self.timeout:.0f} s"
        if kind == _RESULT:
            return value
        if kind == _DONE:
            value = "finished early: its work and this process's went different ways"
        self._fail(number, process, value)
        raise WorkerFailed(self.broken)

    def finish(self, progress=False):
        """Wait for every child to end after its last result.

        Args:
            progress: results still unused are signs of progress (each restarts the
                ``timeout``), not a fault.

        Raises:
            WorkerFailed: a child did not end cleanly (left results unused, failed, or
                exited with a non-zero status).
        """
        for number, (process, results) in self._children.items():
            if self.broken:
                break
            kind = _RESULT
            while kind == _RESULT:
                try:
                    kind, value = results.get(timeout=self.timeout)
                except queue.Empty:
                    kind, value = _FAILED, f"sent nothing for {self.timeout:.0f} s"
                if kind == _RESULT and not progress:
                    kind, value = _FAILED, "had results left: its work and this one's went apart"
            process.join(self.timeout)
            if kind != _DONE or process.exitcode != 0:
                self._fail(number, process, value if kind != _DONE else "")
        self.stop()
        if self.broken:
            raise WorkerFailed(self.broken)

    def stop(self):
        """Stop every child still running, reap it and end its thread here (idempotent; for
        ``finally``)."""
        for number, (process, results) in self._children.items():
            if process.is_alive():
                process.kill()
            process.join()
            thread = self._threads[number]
            while thread.is_alive():  # it may wait on a full queue: empty it until it ends
                with contextlib.suppress(queue.Empty):
                    results.get(timeout=0.1)

    def _fail(self, number, process, reason):
        if process.is_alive():
            process.join(1)
        if process.is_alive():
            process.kill()
            process.join()
            reason = f"{reason}; stopped" if reason else "stopped"
        elif process.exitcode:
            status = process.exitcode
            ended = f"killed by signal {-status}" if status < 0 else f"exit status {status}"
            reason = f"{reason}; {ended}" if reason else ended
        self.broken = f"worker process {number} (pid {process.pid}): {reason or 'failed'}"


def _drain(receiver, results):
    """Parent-side thread: move one child's results into ``results`` until its pipe closes."""
    while True:
        try:
            item = receiver.recv()
        except (EOFError, OSError):
            results.put((_FAILED, "ended without finishing"))
            return
        results.put(item)
        if item[0] in (_DONE, _FAILED):
            return


def _child(number, work, sender):
    """Child process body: run ``work``, then say done (or why it failed)."""
    try:
        work(number, lambda value: sender.send((_RESULT, value)))
    except BaseException as exc:  # anything, even Ctrl+C: tell the parent
        frame = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" at {frame[0].filename}:{frame[0].lineno}" if frame else ""
        try:
            sender.send((_FAILED, f"{type(exc).__name__}: {exc}{where}"))
        finally:
            os._exit(1)
    sender.send((_DONE, None))
    sender.close()
