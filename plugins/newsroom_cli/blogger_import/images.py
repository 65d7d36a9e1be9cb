"""Blogger's image addresses: the largest size, and (``DOWNLOAD=1``) local copies.

Blogger serves every uploaded picture from its CDN (``blogger.googleusercontent.com``,
``N.bp.blogspot.com``) at sizes chosen in the address: a path segment ``/s320/``,
``/w640-h480/`` (optionally ``-rw`` and other flags) before the file name, or a ``=s320`` /
``=w640-h480`` suffix. ``/s1600/`` (``=s1600``) asks for the picture 1600 px on its longer
side, or the original when smaller: the size used for the link around an inserted picture, so
the one imported. By default images stay linked there; the download step is the editor's
choice, run on their own machine (it is the only network step of the import).
"""

import hashlib
import os
import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import unquote, urlsplit

DEFAULT_HOSTS = ("googleusercontent.com", "bp.blogspot.com", "blogger.com", "blogspot.com")
LARGEST = "s1600"
MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 30  # seconds per request
WORKERS = 4

_SIZE_SEGMENT = re.compile(r"/(?:s\d+|w\d+(?:-h\d+)?|h\d+)(?:-[a-z0-9]+)*(?=/[^/]+$)")
_SIZE_SUFFIX = re.compile(r"=(?:s\d+|w\d+(?:-h\d+)?|h\d+)(?:-[a-z0-9]+)*$")
# File signatures of the formats a post can show (JPEG, PNG, GIF, WebP).
_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")
_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
}


def is_blogger_image(url, hosts=DEFAULT_HOSTS):
    """True when ``url`` is an http(s) address on one of ``hosts`` (host name suffixes)."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return False
    names = (host, f"{host}:{parts.port}") if parts.port else (host,)
    return any(name == h or name.endswith("." + h) for h in hosts for name in names)


def largest_url(url, hosts=DEFAULT_HOSTS):
    """The ``/s1600/`` form of a Blogger image address; other addresses unchanged.

    Args:
        url: an image address.
        hosts: host name suffixes of Blogger's CDN.

    Returns:
        str, e.g. ``.../AVvXsEi/s1600/foto.jpg`` for ``.../AVvXsEi/s320/foto.jpg``.
    """
    if not is_blogger_image(url, hosts):
        return url
    parts = urlsplit(url)
    path = parts.path
    if _SIZE_SUFFIX.search(path):
        path = _SIZE_SUFFIX.sub("=" + LARGEST, path)
    elif _SIZE_SEGMENT.search(path):
        path = _SIZE_SEGMENT.sub("/" + LARGEST, path)
    return parts._replace(path=path).geturl()


def local_name(url, year, taken):
    """The path below ``content/`` to store ``url`` at: ``images/<year>/<file name>``.

    Args:
        url: the (largest) image address.
        year: the post's year (WITA), int.
        taken: dict of paths already given out -> url; updated.

    Returns:
        str, e.g. ``images/2024/kaki-si-intens.jpg``; a short hash of the address is added
        when another picture already has the name.
    """
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1]).split("=")[0]
    stem, extension = os.path.splitext(name)
    stem = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60] or "gambar"
    extension = extension.lower() if re.fullmatch(r"\.[a-z0-9]{2,4}", extension.lower()) else ""
    digest = hashlib.sha256(url.encode()).hexdigest()[:8]
    path = f"images/{year}/{stem}{extension or '.jpg'}"
    if taken.get(path, url) != url:
        path = f"images/{year}/{stem}-{digest}{extension or '.jpg'}"
    taken[path] = url
    return path


def fetch(url, timeout=TIMEOUT, max_bytes=MAX_BYTES):
    """Download one image.

    Returns:
        ``(bytes, None)`` on success, ``(None, reason)`` on failure: an HTTP error, a timeout,
        more than ``max_bytes``, or a response that is not a JPEG, PNG, GIF or WebP picture.
    """
    request = urllib.request.Request(url, headers={"User-Agent": "kabar-mbojo-import/1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        return None, f"could not download {url}: HTTP {exc.code} {exc.reason}"
    except OSError as exc:  # URLError and timeouts are OSError too
        return None, f"could not download {url}: {getattr(exc, 'reason', exc)}"
    if len(data) > max_bytes:
        return None, f"{url} is larger than {max_bytes // (1024 * 1024)} MB"
    if not (data.startswith(_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")):
        return None, f"{url} did not return a JPEG, PNG, GIF or WebP picture"
    return data, None


def fetch_all(urls, workers=WORKERS):
    """Download ``urls`` (iterable of str), a few at a time.

    Returns:
        dict url -> ``(bytes or None, reason or None)`` as :func:`fetch` gives.
    """
    unique = list(dict.fromkeys(urls))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(unique, pool.map(fetch, unique), strict=True))
