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

import yaml

from .errors import report

FIELDS = {"name", "slug", "affiliation", "bio", "photo", "links", "confirmed"}
REQUIRED = ("name", "affiliation")


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
    if not os.path.exists(path):
        report(
            path,
            None,
            "author profiles file is missing",
            "create it; see plugins/news_metadata/README.md",
        )
        return {}
    with open(path, encoding="utf-8") as handle:
        try:
            root = yaml.compose(handle)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            report(
                path,
                mark.line + 1 if mark else None,
                f"is not valid YAML ({getattr(exc, 'problem', exc)})",
                "check the indentation and the ':' after each field name",
            )
            return {}
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
        isinstance(link, dict) and link.get("url") for link in links
    ):
        report(
            path,
            lines.get("links"),
            "links must be a list of {label, url}",
            "write '- {label: ..., url: https://...}'",
        )
        links = []
    return {
        "name": str(entry["name"]).strip(),
        "slug": str(entry.get("slug") or "").strip(),
        "affiliation": str(entry["affiliation"]).strip(),
        "bio": str(entry.get("bio") or "").strip(),
        "photo": str(entry.get("photo") or "").strip(),
        "links": links,
    }
