"""Term pages (tags, categories, authors) in linear time.

Pelican 4.12's ``ArticlesGenerator.generate_tags`` (and ``generate_categories``,
``generate_authors``) builds each term's ``dates`` list with
``[article for article in self.dates if article in articles]``: a scan of every article per
term, each a list search, so about N² comparisons (17% of a 20,000-article build). Here each
term's ``dates`` is its own articles in ``self.dates`` order, found through one position index:
the same lists, so the same pages.
"""

import logging
import types

from pelican.generators import ArticlesGenerator
from pelican.writers import FileOverwriteFailedError

# Pelican's own messages, from its logger, so a site sees the same log with or without us.
logger = logging.getLogger("pelican.generators")
LABELS = {"tag": "Tag", "category": "Category", "author": "Author"}


def dates_order(generator):
    """Return a function ``articles -> list``: the articles that are in ``generator.dates``,
    in that order (newest first with Pelican's default ``NEWEST_FIRST_ARCHIVES``), each once.

    The index is built once per call of this function, O(N); each use costs O(k log k) for a
    term of k articles. Identity, not equality, as Pelican's ``in`` on Content objects is.
    """
    position = {id(article): number for number, article in enumerate(generator.dates)}

    def ordered(articles):
        unique = {id(article): article for article in articles if id(article) in position}
        return sorted(unique.values(), key=lambda article: position[id(article)])

    return ordered


def install(generator):
    """Give one ``ArticlesGenerator`` linear-time ``generate_tags``, ``generate_categories``
    and ``generate_authors`` (instance attributes; the class and other generators are not
    touched). The replacement writes exactly what Pelican's method writes, in the same order,
    with the same arguments."""
    if not isinstance(generator, ArticlesGenerator):
        return
    generator.generate_tags = types.MethodType(_generate_tags, generator)
    generator.generate_categories = types.MethodType(_generate_categories, generator)
    generator.generate_authors = types.MethodType(_generate_authors, generator)


def _write_terms(generator, write, terms, template_name):
    """Pelican's loop body for one kind of term, with ``dates`` from the position index.

    ``terms``: (term, articles) pairs; ``template_name``: "tag", "category" or "author", also
    the keyword the template gets the term as. Errors are Pelican's: a term whose page cannot
    be written because its slug is empty is logged and skipped, any other failure raised.
    """
    ordered = dates_order(generator)
    template = generator.get_template(template_name)
    for term, articles in terms:
        try:
            write(
                term.save_as,
                template,
                generator.context,
                url=term.url,
                articles=articles,
                dates=ordered(articles),
                template_name=template_name,
                blog=True,
                page_name=term.page_name,
                all_articles=generator.articles,
                **{template_name: term},
            )
        except FileOverwriteFailedError:
            label = LABELS[template_name]
            if term.slug:
                logger.error('Failed to write %s page for "%s".', label, term)
                raise
            logger.info(
                '%s "%s" has an invalid slug; skipping writing %s page...',
                label,
                term,
                template_name,
                extra={"limit_msg": f"Further {template_name} pages with invalid slugs."},
            )


def _generate_tags(self, write):
    _write_terms(self, write, self.tags.items(), "tag")


def _generate_categories(self, write):
    _write_terms(self, write, self.categories, "category")


def _generate_authors(self, write):
    _write_terms(self, write, self.authors, "author")
