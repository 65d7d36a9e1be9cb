"""Which written pages go into the search index, decided from Pelican's content objects.

Rule: published articles and pages (and their translations), never drafts, scheduled articles
(publishconf.py does not write them at all), withdrawn articles, hidden pages or anything
under ``SEARCH_EXCLUDE_PATHS`` (the text-only edition). Each chosen object gets
``search_body = True``; the theme puts ``data-pagefind-body`` on it only then, so Pagefind's
rule "index only pages that have data-pagefind-body" keeps every other page out.
"""

import re
from datetime import UTC, datetime

from news_metadata.dates import to_wita
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


def publication_dates(generators):
    """The datePublished of every article and dated page marked for search, for the
    newest-first order (a page without ``Date:`` has none and sorts after them).

    Call after :func:`mark_searchable`.

    Args:
        generators: Pelican's generator instances (``all_generators_finalized``).
    Returns:
        ``{output path (``save_as``): ISO 8601 date-time in UTC}``: one format and one zone, so
        the strings sort as the moments do (``order.newest_first``).
    """
    dates = {}
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            contents = [*generator.articles, *generator.translations]
        elif isinstance(generator, PagesGenerator):
            contents = [*generator.pages, *generator.translations]
        else:
            continue
        for content in contents:
            date = getattr(content, "date", None)
            if getattr(content, "search_body", False) and isinstance(date, datetime):
                dates[content.save_as] = date.astimezone(UTC).isoformat()
    return dates


def filter_choices(generators):
    """The values of the search page's filter menus, from the articles marked for search.

    The theme renders them into /cari/ (``SEARCH_FILTER_CHOICES``), so the page never asks
    Pagefind for its filter files (``pagefind.filters()``: at 5000 articles the largest part
    of a first query after the wasm) and loads one only when the reader picks a value.
    Call after :func:`mark_searchable`.

    Args:
        generators: Pelican's generator instances (``all_generators_finalized``).
    Returns:
        ``{"kategori": [category names, case-folded order], "tahun": ["2026", "2025", ...]}``:
        exactly the values the theme writes into ``data-pagefind-filter`` (the category's name,
        the year of the date in WITA), newest year first.
    """
    categories, years = set(), set()
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            for article in (*generator.articles, *generator.translations):
                if getattr(article, "search_body", False):
                    categories.add(article.category.name)
                    years.add(str(to_wita(article.date).year))
    return {"kategori": sorted(categories, key=str.casefold), "tahun": sorted(years, reverse=True)}


# Characters with a meaning in a wax glob (Pagefind's --glob), escaped in literal paths.
_WAX_SPECIAL = re.compile(r"([\\{}\[\]()<>*?,!#:$])")


# Paths per glob. Pagefind 1.5.2 refuses a glob of 2000 article paths ("did not parse as a
# valid glob"; 1000 of the bench corpus's ~85-character paths pass); 500 leaves room for longer
# slugs, and each further glob costs one walk of the output folder (~0.1 s at 5000 articles).
GLOB_BATCH = 500


def globs_for(paths, batch=GLOB_BATCH):
    """Return Pagefind (wax) globs that together match exactly ``paths`` (relative paths).

    ``["2024/12/a.html", "p/tentang.html"]`` gives ``["{2024/12/a.html,p/tentang.html}"]``:
    Pagefind reads no other file, so pages that share an article's folder but are not marked
    (the Blogger redirect pages) stay out and the count of indexed pages can be checked. One
    glob per ``batch`` paths (see ``GLOB_BATCH``); an empty list when ``paths`` is empty.
    """
    literal = [_WAX_SPECIAL.sub(r"\\\1", path) for path in paths]
    chunks = [literal[start : start + batch] for start in range(0, len(literal), batch)]
    return [chunk[0] if len(chunk) == 1 else "{" + ",".join(chunk) + "}" for chunk in chunks]
