"""The editor's mapping file: Blogger names to author profiles, labels to sections.

``content/data/blogger-mapping.yml`` (``BLOGGER_IMPORT_MAPPING_FILE``)::

    authors:                    # as on Blogger, or typed "Oleh : ..." -> name in authors.yml
      "Admin Kabar Mbojo": "Syamsuddin Ahmad"
    sections:                   # Blogger label -> one of NEWS_METADATA_CATEGORIES
      "Berita Bima": "Berita"

An empty value means "not mapped yet". The first import writes the file with every name and
label it found (so the editor fills in values rather than typing names); later imports read it
and never change it.
"""

import json
import os

import yaml


class MappingError(Exception):
    """The mapping file cannot be used; the message names the file, the line and the fix."""


def load_mapping(path):
    """Read the mapping file.

    Args:
        path: the YAML file; a missing file is an empty mapping.

    Returns:
        ``{"authors": {str: str}, "sections": {str: str}}`` with empty values removed.

    Raises:
        MappingError: not valid YAML, not a mapping of the two sections, or a value that is
            not text.
    """
    mapping = {"authors": {}, "sections": {}}
    if not os.path.exists(path):
        return mapping
    with open(path, encoding="utf-8") as handle:
        try:
            data = yaml.safe_load(handle) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{path}:{mark.line + 1}" if mark else path
            raise MappingError(
                f"{where}: not valid YAML ({getattr(exc, 'problem', exc)}) — put each entry "
                'on its own line as "Name on Blogger": "Name in authors.yml"'
            ) from None
    if not isinstance(data, dict) or set(data) - set(mapping):
        raise MappingError(
            f"{path}: must have only the sections 'authors:' and 'sections:' — see "
            "plugins/newsroom_cli/blogger_import/README.md"
        )
    for section in mapping:
        values = data.get(section) or {}
        if not isinstance(values, dict):
            raise MappingError(f'{path}: \'{section}:\' must be a list of "from": "to" lines')
        for key, value in values.items():
            if value is None or value == "":
                continue
            if not isinstance(value, str | int | float):
                raise MappingError(f"{path}: {section} {key!r}: the value must be a name")
            mapping[section][str(key).strip()] = str(value).strip()
    return mapping


def proposal(authors, labels, profiles, categories):
    """The text of a first mapping file.

    Args:
        authors: ``{name: (count, note)}``: names found (Blogger display names and typed
            bylines), with how many posts carry each and a note for the comment.
        labels: ``{label: count}``.
        profiles: names in authors.yml (a name found there maps to itself).
        categories: ``NEWS_METADATA_CATEGORIES``.

    Returns:
        str (YAML with comments).
    """
    by_fold = {c.casefold(): c for c in categories}
    lines = [
        "# Blogger import mapping (make import-blogger). Fill in the empty values, then run the",
        "# import again: the articles are rewritten with the new authors and sections.",
        "#",
        "# authors: name on Blogger (or typed in the post as 'Oleh : ...') -> the name of a",
        "#          profile in content/data/authors.yml. Empty: a profile with that name is",
        "#          created, marked 'confirmed: false' until an editor checks it.",
        "authors:",
    ]
    for name in sorted(authors):
        count, note = authors[name]
        value = name if name in profiles else ""
        lines.append(
            f"  {json.dumps(name, ensure_ascii=False)}: "
            f"{json.dumps(value, ensure_ascii=False)}  # {count} post(s){note}"
        )
    lines += [
        "# sections: Blogger label -> one of the sections (NEWS_METADATA_CATEGORIES):",
        f"#          {', '.join(categories)}.",
        "#          A post's first mapped label is its Category; its other labels are Tags.",
        "sections:",
    ]
    for label in sorted(labels, key=lambda x: (-labels[x], x)):
        value = by_fold.get(label.casefold(), "")
        lines.append(
            f"  {json.dumps(label, ensure_ascii=False)}: "
            f"{json.dumps(value, ensure_ascii=False)}  # {labels[label]} post(s)"
        )
    return "\n".join(lines) + "\n"
