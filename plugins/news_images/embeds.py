"""Click-to-load embeds: recognise a YouTube, Vimeo, Instagram or X address and render a
placeholder that makes no request to that site until the reader taps it.

The placeholder is a link to the original (it works without JavaScript); ``embeds.js`` in the
theme turns a tap on it into the provider's ``<iframe>`` (responsive: the box keeps the
provider's aspect ratio, ``max-width: 100%``). Embed addresses are the providers' documented
player URLs: YouTube's privacy-enhanced ``youtube-nocookie.com/embed/ID``, Vimeo's
``player.vimeo.com/video/ID``, Instagram's ``/p/CODE/embed``, X's
``platform.twitter.com/embed/Tweet.html?id=ID``.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

from markupsafe import escape


@dataclass(frozen=True)
class Embed:
    """One recognised embed.

    Attributes:
        provider: "youtube", "vimeo", "instagram" or "x".
        name: the provider's name as shown to readers.
        link: the original's public address (the no-JavaScript link).
        player: the address the iframe loads after a tap.
    """

    provider: str
    name: str
    link: str
    player: str


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_NUMBER = re.compile(r"^\d{1,25}$")
_CODE = re.compile(r"^[A-Za-z0-9_-]{4,40}$")


def recognise(url):
    """Return the :class:`Embed` of ``url`` (str), or None when it is not a supported address.

    Accepted (http or https, with or without ``www.``/``m.``): ``youtube.com/watch?v=ID``,
    ``youtu.be/ID``, ``youtube.com/embed/ID``, ``youtube.com/shorts/ID``,
    ``youtube-nocookie.com/embed/ID``; ``vimeo.com/ID``, ``player.vimeo.com/video/ID``;
    ``instagram.com/p/CODE/`` or ``/reel/CODE/`` (optionally ``/embed``);
    ``twitter.com/USER/status/ID`` or ``x.com/USER/status/ID``.
    """
    url = (url or "").strip()
    if url.startswith("//"):
        url = "https:" + url
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https"):
        return None
    host = parsed.hostname or ""
    for prefix in ("www.", "m.", "mobile."):
        host = host.removeprefix(prefix)
    parts = [part for part in parsed.path.split("/") if part]
    if host in ("youtube.com", "youtube-nocookie.com", "youtu.be"):
        video = None
        if host == "youtu.be" and parts:
            video = parts[0]
        elif parts[:1] == ["watch"]:
            video = (parse_qs(parsed.query).get("v") or [None])[0]
        elif len(parts) >= 2 and parts[0] in ("embed", "shorts", "live"):
            video = parts[1]
        if video and _YOUTUBE_ID.match(video):
            return Embed(
                "youtube",
                "YouTube",
                f"https://www.youtube.com/watch?v={video}",
                f"https://www.youtube-nocookie.com/embed/{video}?autoplay=1",
            )
    elif host in ("vimeo.com", "player.vimeo.com"):
        video = parts[1] if parts[:1] == ["video"] and len(parts) > 1 else parts[0] if parts else ""
        if _NUMBER.match(video):
            return Embed(
                "vimeo",
                "Vimeo",
                f"https://vimeo.com/{video}",
                f"https://player.vimeo.com/video/{video}?autoplay=1",
            )
    elif host == "instagram.com":
        if len(parts) >= 2 and parts[0] in ("p", "reel", "tv") and _CODE.match(parts[1]):
            base = f"https://www.instagram.com/{parts[0]}/{parts[1]}/"
            return Embed("instagram", "Instagram", base, base + "embed")
    elif (
        host in ("twitter.com", "x.com")
        and len(parts) >= 3
        and parts[1] == "status"
        and _NUMBER.match(parts[2])
    ):
        return Embed(
            "x",
            "X",
            f"https://x.com/{parts[0]}/status/{parts[2]}",
            f"https://platform.twitter.com/embed/Tweet.html?id={parts[2]}",
        )
    return None


DEFAULT_STRINGS = {
    "embed_video": "Video {name}",
    "embed_post": "Unggahan {name}",
    "embed_play": "Ketuk untuk memuat dari {name}",
    "embed_open": "Buka di {name}",
}


def placeholder(embed, title, poster_html, strings) -> str:
    """Return the placeholder HTML (str, may hold :data:`markup.ROOT` via ``poster_html``).

    Args:
        embed: :class:`Embed`.
        title: plain text shown on the placeholder and given to the iframe, or "" (then
            "Video YouTube" / "Unggahan Instagram" ...).
        poster_html: a ``<picture>`` of a locally stored poster, or "".
        strings: UI strings (``UI`` of the theme): ``embed_video``, ``embed_post``,
            ``embed_play``, ``embed_open``; missing ones fall back to Indonesian defaults.
    """

    def text(key):
        return (strings.get(key) or DEFAULT_STRINGS[key]).format(name=embed.name)

    kind = "embed_video" if embed.provider in ("youtube", "vimeo") else "embed_post"
    title = title.strip() or text(kind)
    poster = f'<span class="embed-poster">{poster_html}</span>' if poster_html else ""
    return (
        f'<figure class="embed embed-{embed.provider}">'
        f'<a class="embed-link" href="{escape(embed.link)}" data-embed="{escape(embed.player)}" '
        f'data-embed-title="{escape(title)}">{poster}'
        f'<span class="embed-label"><span class="embed-title">{escape(title)}</span> '
        f'<span class="embed-play">{escape(text("embed_play"))}</span></span></a>'
        f'<figcaption><a href="{escape(embed.link)}">{escape(text("embed_open"))}</a>'
        f"</figcaption></figure>"
    )
