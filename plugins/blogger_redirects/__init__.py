"""blogger_redirects: static redirect pages and server rules for a migrated Blogger blog's
old URLs (``/search/label/<Label>``, ``/feeds/posts/default``, monthly archives).

See README.md in this folder.
"""

from .plugin import register

__all__ = ["register"]
