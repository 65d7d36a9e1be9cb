"""Which written pages go into the search index, decided from Pelican's content objects.

Rule: published articles and pages (and their translations), never drafts, scheduled articles
(publishconf.py does not write them at all), withdrawn articles, hidden pages or anything
under ``SEARCH_EXCLUDE_PATHS`` (the text-only edition). Each chosen object gets
``search_body = True``; the theme puts ``data-pagefind-body`` on it only then, so Pagefind's
rule "index only pages that have data-pagefind-body" keeps every other page out.
"""

import re

from pelican.generators import ArticlesGenerator, PagesGenerator


def is_searchable(content, exclude_paths):
    """Return True when ``content`` (an Article or Page) belongs in the search index.

    Args:
        content: a Pelican content object.
        exclude_paths: output path prefixes (str, relative to the output folder) never indexed.
    Returns:
        bool. Withdrawn means ``Status: withdrawn`` (the corrections design) or a true
        ``withdrawn`` attribute.
    """
    if getattr(content, "status", "published") != "published":
        return False
    if getattr(content, "withdrawn", False):
        return False
    save_as = getattr(content, "save_as", "") or ""
    if not save_as.endswith(".html"):
        return False
    return not any(save_as.startswith(prefix) for prefix in exclude_paths)


def mark_searchable(generators, exclude_paths):
    """Set ``search_body`` on every article and page of ``generators``.

    Args:
        generators: Pelican's generator instances (``all_generators_finalized``).
        exclude_paths: see :func:`is_searchable`.
    Returns:
        sorted list of the output paths (str, ``/``-separated, relative) to index.
    """
    paths = set()
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            contents = [*generator.articles, *generator.translations, *generator.drafts]
        elif isinstance(generator, PagesGenerator):
            contents = [*generator.pages, *generator.translations]
            contents += [*generator.hidden_pages, *generator.draft_pages]
        else:
            continue
        for content in contents:
            content.search_body = is_searchable(content, exclude_paths)
            if content.search_body:
                paths.add(content.save_as)
    return sorted(paths)


# Characters with a meaning in a wax glob (Pagefind's --glob), escaped in literal paths.
_WAX_SPECIAL = re.compile(r"([\\{}\[\]()<>*?,!#:$])")


def glob_for(paths):
    """Return a Pagefind (wax) glob matching exactly ``paths`` (relative output paths).

    ``["2024/12/a.html", "p/tentang.html"]`` gives ``{2024/12/a.html,p/tentang.html}``: Pagefind
    reads no other file, so pages that share an article's folder but are not marked (the
    Blogger redirect pages) stay out. 5000 paths index in the same time as a folder glob.
    None when ``paths`` is empty.
    """
    literal = [_WAX_SPECIAL.sub(r"\\\1", path) for path in paths]
    if not literal:
        return None
    return literal[0] if len(literal) == 1 else "{" + ",".join(literal) + "}"
