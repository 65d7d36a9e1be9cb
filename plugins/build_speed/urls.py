"""Article and page URLs computed once per build.

Pelican's ``Content.url`` and ``save_as`` are properties that format ``ARTICLE_URL`` anew on
every read: a copy of the metadata, the source path made relative, the date formatted. A
listing reads each card's URL once per page it is on (front page, sections, tags, authors,
"Baca juga", feeds), so a 1,000-article build computed 35,000 URLs for 1,000 articles.

Once every generator and plugin has finished the context (``all_generators_finalized``, this
plugin's receiver connected last) nothing changes a URL any more; from then on each content
object keeps the first value it computed. ``Static`` objects are left alone: reading their
``url`` also records that the file was linked to.
"""

from functools import cached_property

from news_metadata.collect import all_contents
from pelican.contents import Article, Page

# Each Pelican class (or a plugin's subclass of it) -> its memoizing subclass.
_MEMO_CLASSES = {}


def memo_class(cls):
    """Return the subclass of ``cls`` (an Article or Page class) whose ``url`` and ``save_as``
    are computed on first use and then kept. It keeps ``cls``'s name: Pelican picks the
    ``<CLASS>_URL`` setting by the class name."""
    if cls not in _MEMO_CLASSES:
        namespace = {
            "__module__": cls.__module__,
            "__qualname__": cls.__qualname__,
            "url": cached_property(cls.url.fget),
            "save_as": cached_property(cls.save_as.fget),
        }
        _MEMO_CLASSES[cls] = type(cls.__name__, (cls,), namespace)
    return _MEMO_CLASSES[cls]


def memoize(generators):
    """``all_generators_finalized``: make every article and page of ``generators`` (Pelican's
    generator objects) keep its URL. Returns the number of objects changed."""
    changed = 0
    for generator in generators:
        for content in all_contents(generator):
            if _eligible(content):
                content.__class__ = memo_class(type(content))
                changed += 1
    return changed


def _eligible(content):
    cls = type(content)
    if cls in _MEMO_CLASSES.values():
        return False
    return isinstance(content, (Article, Page)) and isinstance(getattr(cls, "url", None), property)
