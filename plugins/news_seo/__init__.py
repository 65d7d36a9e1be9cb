"""news_seo: news publishing metadata. JSON-LD (NewsArticle / OpinionNewsArticle, the home
page's NewsMediaOrganization and WebSite), Open Graph and Twitter card tags, canonical links,
plain-text descriptions, share links, sitemap.xml, the Google News sitemap and robots.txt.

See README.md in this folder for the settings and the template snippets.
"""

from .plugin import register

__all__ = ["register"]
