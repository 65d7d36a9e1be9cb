"""news_metadata: the site's content model (design card), validated; author profiles joined;
Indonesian date filters; strict builds that fail on any content error.

See README.md in this folder for the keys, the settings and the template attributes.
"""

from .plugin import register

__all__ = ["register"]
