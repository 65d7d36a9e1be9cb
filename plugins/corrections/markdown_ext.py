"""Python-Markdown extension: outbound links of an advertorial get ``rel="sponsored"``.

Google's link-attribute rules (``rel="sponsored"`` for paid links) and the Dewan Pers guideline
(paid content marked as such). A tree processor, not a regex over finished HTML: it sees every
link Markdown made (``[text](url)``, ``<https://...>``), reads the article's ``Type:`` from the
``meta`` extension's ``md.Meta`` (parsed before any tree processor runs), and never touches code.
Links written as raw HTML (``<a href>`` typed into the Markdown) are not seen; the README says so.
"""

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .settings import SPONSORED_TYPE

REL = ("sponsored", "noopener")


class SponsoredLinks(Treeprocessor):
    """Adds :data:`REL` to every outbound link of a document whose ``Type`` is advertorial."""

    def __init__(self, md, siteurl):
        super().__init__(md)
        self.siteurl = siteurl

    def run(self, root) -> None:
        meta = getattr(self.md, "Meta", None) or {}
        if [value.strip().lower() for value in meta.get("type", [])] != [SPONSORED_TYPE]:
            return
        for link in root.iter("a"):
            href = link.get("href", "")
            if not href.startswith(("http://", "https://", "//")):
                continue
            if self.siteurl and href.startswith(self.siteurl + "/"):
                continue
            rel = (link.get("rel") or "").split()
            link.set("rel", " ".join([*rel, *(word for word in REL if word not in rel)]))


class SponsoredLinksExtension(Extension):
    """Config: ``siteurl`` (links to the site itself stay as they are)."""

    def __init__(self, **kwargs):
        self.config = {"siteurl": ["", "SITEURL; links below it are not outbound"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:
        # After "inline" (20), which makes the <a> elements, and after "attr_list" (8), which
        # would overwrite a rel set before it ({: rel="nofollow" }).
        md.treeprocessors.register(
            SponsoredLinks(md, self.getConfig("siteurl").rstrip("/")), "sponsored_links", 5
        )


def makeExtension(**kwargs):
    """Entry point for ``Markdown(extensions=["corrections.markdown_ext"])``."""
    return SponsoredLinksExtension(**kwargs)
