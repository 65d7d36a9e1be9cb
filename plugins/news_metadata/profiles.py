"""Author profiles from ``content/data/authors.yml``.

The file is a YAML list; each entry::

    - name: Munir Husen                      # required; what articles write after Author:
      slug: munir-husen                      # optional; URL /penulis/<slug>/ (default from name)
      affiliation: Dosen Universitas ...     # required; shown in the byline in parentheses
      bio: Plain text, one to three sentences.
      photo: images/penulis/munir.jpg        # optional, relative to content/
      links:                                 # optional
        - {label: Situs kampus, url: "https://..."}
      confirmed: false                       # only while unchecked (written by the Blogger
                                             # import); reported until an editor removes it

Problems are reported as content errors with the file and line (PyYAML node marks).
"""

import os
import re

import yaml

from .containment import report_refused
from .errors import report
from .safety import XML_FIX, check_url, describe_character, xml_forbidden
from .yamlfile import compose

FIELDS = {"name", "slug", "affiliation", "bio", "photo", "links", "confirmed"}
REQUIRED = ("name", "affiliation")


LINK_SCHEMES = ("http", "https", "mailto")


def _safe_links(path, node, links):
    """The links whose ``url`` is an http(s) or mailto address; every other one is reported
    (with its line) and left out, so no ``javascript:`` or ``data:`` link reaches a page."""
    link_nodes = []
    for key, value in node.value:
        if key.value == "links" and isinstance(value, yaml.SequenceNode):
            link_nodes = value.value
    kept = []
    for position, link in enumerate(links):
        line = _line(link_nodes[position]) if position < len(link_nodes) else None
        try:
            check_url(str(link["url"]).strip(), "links url", schemes=LINK_SCHEMES)
        except ValueError as exc:
            report(path, line, str(exc), "write a web address (https://...) or mailto:name@host")
            continue
        kept.append({**link, "url": str(link["url"]).strip()})
    return kept


def _line(node):
    return node.start_mark.line + 1


def load_profiles(path):
    """Read author profiles.

    Args:
        path: absolute path of the YAML file.
    Returns:
        dict mapping the author name (exactly as written, as articles must write it) to a
        profile dict with the keys of :data:`FIELDS` (missing optional ones as "" or []).
        Empty if the file is absent or broken; every problem is reported through
        :func:`errors.report`.
    """
    if os.path.islink(path):
        report_refused(path, "is a symbolic link", "author profiles file")
        return {}
    if not os.path.exists(path):
        report(
            path,
            None,
            "author profiles file is missing",
            "create it; see plugins/news_metadata/README.md",
        )
        return {}
    root = compose(path, "check the indentation and the ':' after each field name")
    if root is None:
        return {}
    if not isinstance(root, yaml.SequenceNode):
        report(
            path, _line(root), "must be a list of authors", "start each author with '- name: ...'"
        )
        return {}
    profiles = {}
    for node in root.value:
        profile = _read_entry(path, node)
        if profile is None:
            continue
        key = profile["name"]
        if key in profiles:
            report(
                path, _line(node), f"author {profile['name']!r} is listed twice", "keep one entry"
            )
            continue
        profiles[key] = profile
    return profiles


def check_slugs(path, profiles, slugify):
    """Report two profiles whose author pages would be one address (``NURHAYATI`` and
    ``Nurhayati``: ``/penulis/nurhayati/``): Pelican would merge two people's articles under
    the first name it meets, without a word.

    Args:
        path: the profiles file (for the message and the line).
        profiles: :func:`load_profiles`' result.
        slugify: ``name -> slug`` as the build makes an author's address (``profile["slug"]``
            wins when given).
    """
    rows = _rows(path)
    seen = {}
    for name, profile in profiles.items():
        if profile["slug"]:
            profile["slug"] = _written_slug(path, rows, name, profile["slug"], slugify)
        slug = profile["slug"] or slugify(name)
        if slug not in seen:
            seen[slug] = name
            continue
        pattern = re.compile(rf"""^\s*-?\s*name:\s*["']?{re.escape(name)}["']?\s*$""")
        line = next((n for n, row in enumerate(rows, 1) if pattern.match(row)), None)
        report(
            path,
            line,
            f"author {name!r} has the same address as {seen[slug]!r} (penulis/{slug}/): their "
            "articles would be shown as one author's",
            f"if they are one person keep one entry; if not, give this one its own 'slug: ...' "
            f"(e.g. 'slug: {slug}-2')",
        )


def _rows(path):
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read().split("\n")
    except (OSError, UnicodeDecodeError):
        return []


def _field_line(rows, name, field):
    """The line of ``field:`` in the entry of ``name`` (a text search: the profile keeps no
    node), or None."""
    entry = re.compile(rf"""^\s*-?\s*name:\s*["']?{re.escape(name)}["']?\s*$""")
    start = next((n for n, row in enumerate(rows) if entry.match(row)), None)
    if start is None:
        return None
    for number in range(start + 1, len(rows)):
        if re.match(r"^\s*-\s*name\s*:", rows[number]):
            return None  # the next entry
        if re.match(rf"^\s*{field}\s*:", rows[number]):
            return number + 1
    return None


def _written_slug(path, rows, name, written, slugify):
    """A profile's ``slug:`` in the site's form (lower case, ASCII, hyphens: what an article's
    ``Slug:`` becomes), so ``slug: Budi Santoso`` makes /penulis/budi-santoso/, not a folder
    with a space and capitals; "" (reported) when it has no letter or digit."""
    slug = slugify(written)
    if not slug:
        report(
            path,
            _field_line(rows, name, "slug"),
            f"author {name!r} has slug {written!r}, which has no letter or digit for the address",
            "write it with letters, digits and hyphens, e.g. 'slug: budi-santoso', or delete "
            "the line to make it from the name",
        )
    return slug


def check_photos(path, profiles, content_path):
    """Report a profile whose ``photo`` is no file in ``content/`` (the byline and the author
    page would show a broken picture); its photo is then left out.

    Args:
        path: the profiles file (for the message and the line).
        profiles: :func:`load_profiles`' result (``photo`` is cleared where reported).
        content_path: the content folder (Pelican's ``PATH``) the photo is relative to.
    """
    rows = None
    for name, profile in profiles.items():
        photo = profile["photo"]
        if not photo or os.path.isfile(os.path.join(content_path, photo)):
            continue
        rows = rows if rows is not None else _rows(path)
        folder = os.path.dirname(os.path.join(content_path, photo))
        same = [
            entry
            for entry in (os.listdir(folder) if os.path.isdir(folder) else [])
            if entry.lower() == os.path.basename(photo).lower()
        ]
        hint = f" (there is {os.path.join(os.path.dirname(photo), same[0])!r})" if same else ""
        report(
            path,
            _field_line(rows, name, "photo"),
            f"photo {photo!r} of author {name!r} is no file in content/{hint}",
            "put the picture there (e.g. content/images/penulis/), or correct the path, which "
            "is relative to content/",
        )
        profile["photo"] = ""


def _read_entry(path, node):
    if not isinstance(node, yaml.MappingNode):
        report(
            path,
            _line(node),
            "an author entry must be a mapping",
            "write '- name: ...' then the fields",
        )
        return None
    entry = yaml.safe_load(yaml.serialize(node))
    lines = {key.value: _line(key) for key, _value in node.value}
    unknown = sorted(set(entry) - FIELDS)
    for field in unknown:
        report(
            path,
            lines.get(field),
            f"unknown author field {field!r}",
            f"use only: {', '.join(sorted(FIELDS))}",
        )
    missing = [field for field in REQUIRED if not str(entry.get(field) or "").strip()]
    for field in missing:
        report(path, _line(node), f"author entry has no {field!r}", f"add '{field}: ...'")
    if missing or unknown:
        return None
    if "confirmed" in entry and entry["confirmed"] is not True:
        report(
            path,
            lines.get("confirmed"),
            f"author profile {str(entry['name']).strip()!r} was created by the Blogger import "
            "and is not confirmed yet",
            "check the name and affiliation (and add a bio), then delete the line "
            "'confirmed: false'",
        )
    links = entry.get("links") or []
    if not isinstance(links, list) or not all(
        # A link without a label would be an empty, invisible <a> on the author page.
        isinstance(link, dict) and link.get("url") and str(link.get("label") or "").strip()
        for link in links
    ):
        report(
            path,
            lines.get("links"),
            "links must be a list of {label, url}",
            "write '- {label: ..., url: https://...}' (every link needs both)",
        )
        links = []
    links = _safe_links(path, node, links)
    photo = str(entry.get("photo") or "").strip()
    if photo:
        try:
            check_url(photo, "photo", schemes=(), relative=True)
            if ".." in photo.replace("\\", "/").split("/"):
                raise ValueError(f"photo {photo!r} leaves content/")
        except ValueError as exc:
            report(path, lines.get("photo"), str(exc), "write a path inside content/, e.g. "
                   "'photo: images/penulis/nama.jpg'")  # fmt: skip
            photo = ""
    for field in ("name", "affiliation", "bio"):
        found = xml_forbidden(str(entry.get(field) or ""))
        if found:
            report(
                path,
                lines.get(field),
                f"{field} holds the invisible character {describe_character(found[1])}",
                XML_FIX,
            )
    return {
        "name": str(entry["name"]).strip(),
        "slug": str(entry.get("slug") or "").strip(),
        "affiliation": str(entry["affiliation"]).strip(),
        "bio": str(entry.get("bio") or "").strip(),
        "photo": photo,
        "links": links,
    }
