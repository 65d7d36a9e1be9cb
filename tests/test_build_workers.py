"""build_speed on several cores (plugins/build_speed/rendering.py, prereading.py, workers.py):
the same site as one process, the same errors, and a worker that crashes or hangs fails the
build clearly instead of hanging it.

The rendering units drive :func:`rendering.shared_output` with Pelican's own ``Writer`` and a
stand-in template, so a worker can be made to fail on purpose; the builds compare a 60-article
corpus (comments, citations) built with BUILD_SPEED_WORKERS = 2 and = 1.
"""

import logging
import os
import threading
import time

import bench
import pytest
from build_speed import rendering, workers
from inprocess import build
from news_metadata import errors
from newsroom_cli.publish import tree_digest
from pelican.writers import Writer
from search.index import UNSTABLE_FILES

pytestmark = pytest.mark.skipif(not workers.fork_available(), reason="needs fork()")

PAGES = 12


@pytest.fixture(autouse=True)
def threads_of_other_tests_allowed(monkeypatch):
    """Threads that other test files' session fixtures left in this test process (Playwright's
    driver, served folders) do not stop these builds from forking; a thread started during the
    test still does (``workers.can_fork_now``'s rule). Without this the file's results depended
    on which files ran before it on the same xdist worker. The children here only read and
    render; Python re-creates the logging and import locks in a forked child."""
    before = set(threading.enumerate())
    monkeypatch.setattr(
        workers,
        "can_fork_now",
        lambda: workers.fork_available() and set(threading.enumerate()) <= before,
    )


class Template:
    """Renders "page N" from the context; ``fail(name, parent)`` may act first (raise, exit)."""

    name = "stand-in.html"

    def __init__(self, fail=None):
        self.parent = os.getpid()
        self.fail = fail

    def render(self, context):
        if self.fail:
            self.fail(context["output_file"], os.getpid() == self.parent)
        return f"<p>{context['output_file']} {context['number']}</p>"


def generate_output(template):
    """A generator's ``generate_output``: PAGES pages through ``writer.write_file`` (the odd
    ones are article pages, rendered by the workers), each failure reported as
    news_metadata's writer guard does (and the build goes on)."""

    def method(writer):
        for number in range(PAGES):
            name = f"p{number:02d}.html"
            page = {"article": number} if number % 2 else {}
            try:
                writer.write_file(name, template, {"number": number}, **page)
            except Exception as exc:  # the guard's job, in short
                errors.report(name, None, f"{type(exc).__name__}: {exc}", "fix")

    return method


def run(tmp_path, template, count, timeout=30):
    errors.collector.reset()
    output = tmp_path / f"out{count}"
    method = rendering.shared_output(generate_output(template), count, timeout)
    started = time.monotonic()
    method(Writer(str(output), settings={}))
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(output.iterdir())}
    return files, [str(e) for e in errors.collector.errors], time.monotonic() - started


def test_pages_of_a_worker_are_the_serial_pages(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="build_speed.rendering")
    parallel, problems, _ = run(tmp_path, Template(), 3)
    assert "6 pages rendered in the main process, 6 by 2 worker(s)" in caplog.text
    serial = {f"p{n:02d}.html": f"<p>p{n:02d}.html {n}</p>" for n in range(PAGES)}
    assert parallel == serial and problems == []


def test_a_page_that_fails_fails_as_in_one_process(tmp_path):
    def fail(name, in_main):
        if name == "p05.html":  # a worker's page (odd: an article)
            raise ValueError(f"bad value in {'main' if in_main else 'worker'}")

    files, problems, _ = run(tmp_path, Template(fail), 2)
    assert problems == ["p05.html: ValueError: bad value in main — fix"]  # main's own error
    assert "p05.html" not in files and len(files) == PAGES - 1


def test_a_crashed_worker_fails_the_build_and_the_site_is_complete(tmp_path):
    def crash(name, in_main):
        if name == "p03.html" and not in_main:
            os._exit(3)

    files, problems, seconds = run(tmp_path, Template(crash), 2)
    assert len(files) == PAGES  # the main process rendered the rest
    assert files["p03.html"] == "<p>p03.html 3</p>"
    [problem] = problems
    assert "out2/p03.html" in problem and "worker process 1" in problem
    assert "exit status 3" in problem and "BUILD_SPEED_WORKERS = 1" in problem
    assert seconds < 20


def test_a_hung_worker_is_stopped_after_the_timeout(tmp_path):
    def hang(name, in_main):
        if name == "p07.html" and not in_main:
            time.sleep(600)

    files, problems, seconds = run(tmp_path, Template(hang), 2, timeout=1)
    assert len(files) == PAGES
    [problem] = problems
    assert "sent nothing for 1 s" in problem and "p07.html" in problem
    assert seconds < 15


def corpus_build(root, conf, output, workers_count, *extra):
    env = {"SOURCE_DATE_EPOCH": bench.build_epoch(root)}
    argv = ["-s", conf, "-o", root / output, "-e", "SEARCH_INDEX=false"]
    argv += [f'CACHE_PATH="{root / ("cache-" + output)}"', f"BUILD_SPEED_WORKERS={workers_count}"]
    return build([*argv, *extra], env=env)


def test_a_site_built_on_two_cores_is_the_site_built_on_one(tmp_path):
    conf = bench.make_corpus(tmp_path, 60, comments=30, citations=20)
    two = corpus_build(tmp_path, conf, "two", 2, "-v")
    one = corpus_build(tmp_path, conf, "one", 1)
    assert two.returncode == one.returncode == 0, two.stdout + one.stdout
    assert "by 1 worker(s)" in two.stdout and " 0 by " not in two.stdout
    # Every article was read ahead into the cache; the main process's reads were all hits.
    assert "60 articles read ahead on 2 processes; reading cache 60 hits, 0 misses" in two.stdout
    digests = [tree_digest(tmp_path / name, UNSTABLE_FILES) for name in ("two", "one")]
    assert digests[0] == digests[1]
    warm = corpus_build(tmp_path, conf, "two", 2)  # same cache: hits, no typography again
    assert warm.returncode == 0 and tree_digest(tmp_path / "two", UNSTABLE_FILES) == digests[1]


def test_content_errors_are_the_same_on_two_cores(tmp_path):
    conf = bench.make_corpus(tmp_path, 30)
    articles = sorted((tmp_path / "content" / "articles").rglob("*.md"))
    for path in (articles[3], articles[20]):  # read by different workers
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Breaking: false", "Breaking: yes please"), "utf-8")
    results = [corpus_build(tmp_path, conf, f"w{n}", n) for n in (2, 1)]
    assert results[0].returncode == results[1].returncode == 1
    messages = [r.stderr.strip().splitlines() for r in results]
    assert messages[0] == messages[1]
    assert sum("Breaking must be true or false" in line for line in messages[0]) == 2


def test_nothing_is_forked_while_another_thread_runs(tmp_path, caplog):
    """make devserver builds in a thread beside its web server: a fork there could copy a
    lock another thread holds, so the pages are rendered in one process."""
    caplog.set_level(logging.DEBUG, logger="build_speed.rendering")
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        files, problems, _ = run(tmp_path, Template(), 2)
    finally:
        stop.set()
        server.join()
    assert len(files) == PAGES and problems == []
    assert "rendered in one process (threads running)" in caplog.text
    assert "by 1 worker(s)" not in caplog.text


def test_a_crashed_reader_fails_the_build_without_a_hang(tmp_path):
    """A read-ahead worker that dies is a content error; the main process reads the files
    itself afterwards (Pelican's own read), so only the error says it happened."""
    from types import SimpleNamespace

    from build_speed import prereading

    parent = os.getpid()

    def read_file(base_path, path, content_class):
        if os.getpid() != parent and path == "b.md":
            os._exit(5)

    readers = SimpleNamespace(read_file=read_file, build_speed_cache=SimpleNamespace(key="k"))
    settings = {"ARTICLE_PATHS": ["articles"]}
    generator = SimpleNamespace(readers=readers, path=str(tmp_path), settings=settings)
    errors.collector.reset()
    started = time.monotonic()
    prereading.preread(generator, ["a.md", "b.md", "c.md", "d.md"], 2, timeout=30)
    [problem] = [str(error) for error in errors.collector.errors]
    assert "reading on several cores failed: worker process 2" in problem
    assert "exit status 5" in problem and "BUILD_SPEED_WORKERS = 1" in problem
    assert time.monotonic() - started < 20


def test_a_wrong_number_of_workers_is_warned_about(caplog):
    from build_speed.settings import apply_defaults, default_workers

    for wrong in ("2", 0, True, 1.5):
        settings = {"BUILD_SPEED_WORKERS": wrong}
        apply_defaults(settings)
        assert settings["BUILD_SPEED_WORKERS"] == default_workers()
        assert f"not {wrong!r}; using the default" in caplog.text
    settings = {"BUILD_SPEED_WORKERS": 1}
    apply_defaults(settings)
    assert settings["BUILD_SPEED_WORKERS"] == 1
    assert 1 <= default_workers() <= 4
