"""Deploy targets, as far as they can run here: rsync into a local folder, ghp-import into a
local bare repository, and the exact `aws s3 sync` command lines (dry run, no AWS CLI run).

`make rsync_upload` runs as the editor runs it (make, the shell, a process per tool); the other
targets through workflow.run_recipe (the real make and shell, the tools in this process)."""

import re
import shutil
import subprocess

import imagegen
import pytest
import yaml
from conftest import ROOT
from newsroom_cli import deploy
from newsroom_cli.publish import tree_digest
from workflow import TESTCONF, header, run_make, run_recipe, run_tool, write_site

SITE = {
    "articles/2024/lama.md": header("Berita Lama", "2024-03-01 08:00") + "Isi lama.\n",
    "articles/2024/baru.md": header("Berita Baru", "2024-05-01 08:00") + "Isi baru.\n",
}


@pytest.fixture
def project(tmp_path):
    """A small site; returns (content, output, make arguments that publish it)."""
    content = write_site(tmp_path / "content", SITE)
    output = tmp_path / "output"
    return (
        content,
        output,
        [f"INPUTDIR={content}", f"OUTPUTDIR={output}", f"PUBLISHCONF={TESTCONF}"],
    )


def git(*args, **kwargs):
    return subprocess.run(
        ["git", *args], capture_output=True, text=True, encoding="utf-8", check=True, **kwargs
    )


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed (CI installs it)")
def test_rsync_upload_to_a_local_folder_moves_only_changes(project, tmp_path):
    content, output, args = project
    server = tmp_path / "server" / "www"
    server.mkdir(parents=True)
    (server / "halaman-lama-yang-dihapus.html").write_text("stale")
    result = run_make("rsync_upload", *args, env={"RSYNC_DEST": f"{server}/"})
    assert result.returncode == 0, result.output_text
    assert tree_digest(server) == tree_digest(output)  # stale page deleted, everything else there
    (content / "articles/2024/baru.md").write_text(
        header("Berita Baru", "2024-05-01 08:00") + "Isi diperbarui.\n"
    )
    # Again with the tools in this process (workflow.run_recipe); rsync is the real one.
    result = run_recipe("rsync_upload", *args, env={"RSYNC_DEST": f"{server}/"})
    assert result.returncode == 0, result.output_text
    assert tree_digest(server) == tree_digest(output)
    moved = [line.split()[-1] for line in result.stdout.splitlines() if line.startswith(">f")]
    assert "2024/05/berita-baru.html" in moved
    assert "2024/03/berita-lama.html" not in moved  # unchanged bytes are not sent again


def test_github_pushes_the_site_as_gh_pages_branch(project, tmp_path):
    _, output, args = project
    bare = tmp_path / "pages.git"
    git("init", "--bare", "-q", str(bare))
    work = tmp_path / "repo"
    git("init", "-q", str(work))
    env = {
        "GIT_DIR": str(work / ".git"),  # ghp-import commits in this repository, not the project's
        "GITHUB_PAGES_REMOTE": str(bare),
        "GITHUB_PAGES_CNAME": "berita.example.id",
        "GIT_COMMITTER_NAME": "CI",
        "GIT_COMMITTER_EMAIL": "ci@example.invalid",
    }
    result = run_recipe("github", *args, env=env)
    assert result.returncode == 0, result.output_text
    files = set(
        git("--git-dir", str(bare), "ls-tree", "-r", "--name-only", "gh-pages").stdout.split()
    )
    built = {str(p.relative_to(output)) for p in output.rglob("*") if p.is_file()}
    assert files == built | {".nojekyll", "CNAME"}
    shown = git("--git-dir", str(bare), "show", "gh-pages:2024/05/berita-baru.html").stdout
    assert shown == (output / "2024/05/berita-baru.html").read_text(encoding="utf-8")
    assert (
        git("--git-dir", str(bare), "show", "gh-pages:CNAME").stdout.strip() == "berita.example.id"
    )


def test_s3_upload_dry_run_prints_the_exact_aws_commands(project, tmp_path):
    _, output, args = project
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "aws").write_text(f"#!/bin/sh\ntouch {tmp_path}/aws-was-run\n")
    (fake_bin / "aws").chmod(0o755)
    env = {
        "S3_BUCKET": "kabar-www",
        "S3_PREFIX": "/situs/",
        "S3_ENDPOINT_URL": "https://s3.example.test",
        "DRY_RUN": "1",
        "PATH": f"{fake_bin}:/usr/bin:/bin",
    }
    result = run_recipe("s3_upload", *args, env=env)
    assert result.returncode == 0, result.output_text
    sync = f"(dry run) aws s3 sync {output}/ s3://kabar-www/situs/"
    year = "--cache-control 'public, max-age=31536000, immutable'"
    hour = "--cache-control 'public, max-age=3600'"
    again = "--cache-control no-cache"
    end = "--endpoint-url https://s3.example.test"
    hashed = (
        "'*.[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].css'"
    )
    css = "--content-type 'text/css; charset=utf-8'"
    picture = "'images/r/*-" + "[0-9a-f]" * 10 + "-*"
    expected = [
        f"{sync} --exclude '*' --include '*.html' --content-type 'text/html; charset=utf-8' "
        f"{again} {end}",
        f"{sync} --exclude '*' --include {hashed} {css} {year} {end}",
        f"{sync} --exclude '*' --include '*.css' --exclude {hashed} {css} {hour} {end}",
        f"{sync} --exclude '*' --include {picture}.avif' --content-type image/avif {year} {end}",
        f"{sync} --exclude '*' --include {picture}.webp' --content-type image/webp {year} {end}",
        f"{sync} --exclude '*' --include {picture}.jpg' --content-type image/jpeg {year} {end}",
        *(
            f"{sync} --exclude '*' --include {pattern} --content-type application/octet-stream "
            f"{year} {end}"
            for pattern in (
                "'pagefind/pagefind.*.pf_meta'",
                "'pagefind/index/*.pf_index'",
                "'pagefind/filter/*.pf_filter'",
                "'pagefind/fragment/*.pf_fragment'",
            )
        ),
        f"{sync} --exclude '*' --include '*.js' --content-type 'text/javascript; charset=utf-8' "
        f"{hour} {end}",
        f"{sync} --exclude '*' --include '*.atom.xml' --content-type "
        f"'application/atom+xml; charset=utf-8' {again} {end}",
        f"{sync} --exclude '*' --include '*.rss.xml' --content-type "
        f"'application/rss+xml; charset=utf-8' {again} {end}",
        f"{sync} --exclude '*' --include '*.xml' --exclude '*.atom.xml' --exclude '*.rss.xml' "
        f"--content-type 'application/xml; charset=utf-8' {again} {end}",
        f"{sync} --exclude '*' --include '*.json' --content-type application/json {again} {end}",
        f"{sync} --exclude '*' --include '*.webmanifest' --content-type "
        f"application/manifest+json {again} {end}",
        f"{sync} --exclude '*' --include '*.txt' --content-type 'text/plain; charset=utf-8' "
        f"{again} {end}",
        f"{sync} --exclude '*' --include '*.svg' --content-type image/svg+xml {hour} {end}",
        f"{sync} --exclude '*' --include '*.webp' --exclude {picture}.webp' "
        f"--content-type image/webp {hour} {end}",
        f"{sync} --exclude '*' --include '*.woff2' --content-type font/woff2 {hour} {end}",
        f"{sync} {hour} --delete {end}",
    ]
    printed = [line for line in result.stdout.splitlines() if line.startswith("(dry run)")]
    assert printed == expected
    assert not (tmp_path / "aws-was-run").exists()


def test_s3_without_endpoint_or_prefix(project):
    content, output, _ = project
    assert run_tool("publish", content, "-o", output, "-s", TESTCONF).returncode == 0
    result = run_tool("deploy", "s3", output, "--dry-run", env={"S3_BUCKET": "b"})
    assert result.returncode == 0, result.output_text
    assert result.stdout.splitlines()[-1] == (
        f"(dry run) aws s3 sync {output}/ s3://b/ --cache-control 'public, max-age=3600' --delete"
    )


def test_s3_cache_control_for_each_kind_of_file_in_a_published_tree(project):
    """Every file of a real publish build (with a photo and the search index) gets the header
    its kind needs: files named by a hash of their content (stylesheet, picture derivatives,
    Pagefind's index) a year, pages/feeds/data revalidated, everything else an hour."""
    content, output, args = project
    write_site(
        content,
        {
            "images/sawah.jpg": imagegen.jpeg_bytes(imagegen.photo(800, 600)),
            "articles/2024/foto.md": header(
                "Berita Foto", "2024-06-01 08:00", "Image: images/sawah.jpg", "Image_alt: Sawah"
            )
            + "Isi foto.\n",
        },
    )
    assert run_recipe("publish", *args).returncode == 0
    files = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    hex10 = "[0-9a-f]{10}"
    hashed = {
        f
        for f in files
        if re.fullmatch(rf"theme/css/style\.{hex10}\.css", f)
        or re.fullmatch(rf"images/r/[a-z0-9-]+-{hex10}-(t?\d+|og)\.(avif|webp|jpg)", f)
        or re.fullmatch(r"pagefind/(pagefind\.|index/|filter/|fragment/)\w+\.pf_\w+", f)
    }
    kinds = {f.split("/")[0] + "/" + f.rsplit(".", 1)[-1] for f in hashed}
    assert {"theme/css", "images/avif", "images/webp", "images/jpg"} <= kinds, kinds
    assert {"pagefind/pf_meta", "pagefind/pf_index", "pagefind/pf_fragment"} <= kinds, kinds
    year, again, hour = deploy.IMMUTABLE, deploy.REVALIDATE, deploy.SHORT
    css = next(f for f in hashed if f.endswith(".css"))
    assert deploy.headers_for(css) == ("text/css; charset=utf-8", year)
    avif = next(f for f in hashed if f.endswith(".avif"))
    assert deploy.headers_for(avif) == ("image/avif", year)
    fragment = next(f for f in hashed if f.endswith(".pf_fragment"))
    assert deploy.headers_for(fragment) == ("application/octet-stream", year)
    assert deploy.cache_control("theme/css/style.css") == hour  # the unhashed copy may change
    assert deploy.cache_control("theme/css/style.0123456789.css.map") == hour
    assert deploy.cache_control("images/sawah.jpg") == hour  # the editor's name, may change
    assert deploy.cache_control("images/r/sawah-0123456789.jpg") == hour  # no hash-size part
    assert deploy.headers_for("manifest.webmanifest") == ("application/manifest+json", again)
    assert deploy.headers_for("feeds/semua.atom.xml")[0].startswith("application/atom+xml")
    assert "pagefind/pagefind-entry.json" in files  # points at the hashed meta: revalidated
    for name in files:
        cache = deploy.cache_control(name)
        if name in hashed:
            assert cache == year, name
        elif name.endswith((".html", ".xml", ".json", ".txt", ".webmanifest")):
            assert cache == again, name
        else:
            assert cache == hour, name


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("rsync", "deploy: set RSYNC_DEST (e.g. RSYNC_DEST=user@example.org:/srv/www/kabarmbojo/)"),
        ("s3", "deploy: set S3_BUCKET (e.g. S3_BUCKET=kabarmbojo-www); see README, 'Deploying'"),
    ],
)
def test_deploy_names_the_missing_variable(project, target, message):
    content, output, _ = project
    assert run_tool("publish", content, "-o", output, "-s", TESTCONF).returncode == 0
    result = run_tool("deploy", target, output, env={"RSYNC_DEST": "", "S3_BUCKET": ""})
    assert result.returncode == 2
    assert message in result.stderr


def test_deploy_refuses_a_folder_without_a_site(tmp_path):
    result = run_tool("deploy", "rsync", tmp_path / "kosong", env={"RSYNC_DEST": "/tmp/x/"})
    assert result.returncode == 1
    assert "kosong/index.html is missing; run make publish first" in result.stdout


def test_ci_workflow_tests_publishes_and_deploys_hourly():
    """The GitHub Actions workflow: tests and make publish on pushes to main, hourly schedule,
    deploy to Pages only after a successful build (never from a pull request)."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"]
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    minute, *rest = cron.split()
    assert minute.isdigit() and rest == ["*", "*", "*", "*"]  # once an hour
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "make lint test test-browser" in runs and "make check" in runs and "make publish" in runs
    assert runs.index("make lint test test-browser") < runs.index("make publish")
    verify = "PYTHONPATH=plugins .venv/bin/python -m newsroom_cli.deploy verify output"
    assert runs.index("make publish") < runs.index(verify)
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "output" and steps.index(upload) > runs.index(verify)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "pull_request" in deploy["if"]
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")
