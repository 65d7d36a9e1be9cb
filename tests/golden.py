"""The fixture site (tests/fixtures/site/) and its expected output tree (tests/fixtures/expected/).

The fixture site is a frozen copy of the site's content (the seed article with its citations
and bibliography, an article with an image, breaking news, every page, the authors file), so
editors can change ``content/`` without failing a test. It is built once per test session with
publishconf.py, a fixed SITEURL and a fixed "now" (SOURCE_DATE_EPOCH), and its output is compared
with the committed expected tree. ``make update-expected`` rewrites that tree on purpose (after a
change to the theme or a plugin's output); review its diff like code.

What is compared: every output path (``MANIFEST.txt``) and the full text of every text file.
Not compared: the bytes of binary files (images; their paths are in the manifest), the Pagefind
index (``pagefind/``: its file names are content hashes that differ between runs, only its entry
file is required) and ``theme/`` (verbatim copies of theme/static/, tested where they are written).
"""

import difflib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "site" / "content"
EXPECTED = ROOT / "tests" / "fixtures" / "expected"
SITEURL = "https://kabarmbojo.example"
# 2026-06-01 00:00 UTC, as tests/workflow.py's NOW_EPOCH: the build's "now" (feeds, ticker).
NOW_EPOCH = 1780272000
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json", ".webmanifest", ".svg", ".css", ".js"}
SKIPPED_FOLDERS = ("pagefind", "theme")


def build(output):
    """Build the fixture site into ``output`` in this process; return the CompletedProcess."""
    import inprocess

    # Without the web editor (/admin/, plugins/cms): whether its npm package is installed must
    # not change the expected tree; the editor has its own tests (tests/test_cms_*.py).
    argv = [FIXTURE_CONTENT, "-o", output, "-s", ROOT / "publishconf.py", "-e", 'CMS_SAVE_AS=""']
    env = {"SITEURL": SITEURL, "SOURCE_DATE_EPOCH": str(NOW_EPOCH), "COLUMNS": "400"}
    return inprocess.build(argv, env=env, cwd=ROOT)


def _compared(output):
    """Yield (relative path as posix text, is_text) for the output files that are compared."""
    for path in sorted(Path(output).rglob("*")):
        relative = path.relative_to(output)
        if path.is_file() and relative.parts[0] not in SKIPPED_FOLDERS:
            yield relative.as_posix(), path.suffix in TEXT_SUFFIXES


def manifest(output):
    """The text of MANIFEST.txt for ``output``: one compared path a line, sorted."""
    return "".join(f"{relative}\n" for relative, _ in _compared(output))


def manifest_paths():
    """The relative paths listed in the committed MANIFEST.txt."""
    return (EXPECTED / "MANIFEST.txt").read_text(encoding="utf-8").split()


def differences(output, limit=5):
    """Return a list of human-readable differences between ``output`` and EXPECTED (empty when
    equal): the manifest diff first, then unified diffs of up to ``limit`` changed text files."""
    problems = []
    expected_manifest = (EXPECTED / "MANIFEST.txt").read_text(encoding="utf-8")
    actual_manifest = manifest(output)
    if actual_manifest != expected_manifest:
        diff = difflib.unified_diff(
            expected_manifest.splitlines(),
            actual_manifest.splitlines(),
            "expected",
            "built",
            lineterm="",
        )
        problems.append("MANIFEST.txt:\n" + "\n".join(diff))
    for relative, is_text in _compared(output):
        expected = EXPECTED / "tree" / relative
        if not is_text or not expected.is_file():
            continue
        built = (Path(output) / relative).read_text(encoding="utf-8")
        wanted = expected.read_text(encoding="utf-8")
        if built != wanted:
            diff = difflib.unified_diff(
                wanted.splitlines(),
                built.splitlines(),
                f"expected/{relative}",
                relative,
                lineterm="",
                n=1,
            )
            problems.append("\n".join(list(diff)[:40]))
            if len(problems) > limit:
                problems.append("... (more files differ)")
                break
    return problems


def write_expected(output):
    """Replace EXPECTED with the compared files of ``output`` (``make update-expected``)."""
    shutil.rmtree(EXPECTED, ignore_errors=True)
    (EXPECTED / "tree").mkdir(parents=True)
    (EXPECTED / "MANIFEST.txt").write_text(manifest(output), encoding="utf-8")
    for relative, is_text in _compared(output):
        if is_text:
            target = EXPECTED / "tree" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(output) / relative, target)


def main():
    """``make update-expected``: build the fixture site and write its expected tree."""
    import tempfile

    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "plugins")]
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "output"
        result = build(output)
        if result.returncode != 0:
            sys.exit(f"the fixture site did not build:\n{result.stdout}{result.stderr}")
        write_expected(output)
    folder = EXPECTED.relative_to(ROOT)
    print(f"wrote {folder}/; review the diff (git diff --stat {folder})")


if __name__ == "__main__":
    main()
