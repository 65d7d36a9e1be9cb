"""news_images: responsive images, share images and cards, card thumbnails, click-to-load
embeds. See README.md.
"""

from .plugin import register

__all__ = ["register"]
