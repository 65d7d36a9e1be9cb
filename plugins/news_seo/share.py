"""Share links, built at build time: plain links, no scripts, SDKs or third-party requests.

URL forms, from each service's documentation of its share/intent links:
- WhatsApp "click to chat" with prefilled text: ``https://wa.me/?text=<text>``;
- Facebook sharer: ``https://www.facebook.com/sharer/sharer.php?u=<url>``;
- X web intent: ``https://x.com/intent/tweet?text=<text>&url=<url>``;
- Telegram share: ``https://t.me/share/url?url=<url>&text=<text>``;
- e-mail, RFC 6068 ``mailto:?subject=<subject>&body=<body>`` (spaces as %20, not +).
Every value is percent-encoded as UTF-8 with nothing left unescaped.
"""

from urllib.parse import quote

# {url}, {title} and {both} are filled in percent-encoded. {both} is the headline, a line break,
# then the URL: WhatsApp shows the headline as the message and the URL on its own line, where it
# makes the link preview (a space between them ran the URL into the headline).
TEMPLATES = {
    "whatsapp": "https://wa.me/?text={both}",
    "facebook": "https://www.facebook.com/sharer/sharer.php?u={url}",
    "x": "https://x.com/intent/tweet?text={title}&url={url}",
    "telegram": "https://t.me/share/url?url={url}&text={title}",
    "email": "mailto:?subject={title}&body={url}",
}


def share_links(networks, url, title):
    """Return the share links of ``networks``, in their order.

    Args:
        networks: names from :data:`TEMPLATES` ("whatsapp", "facebook", "x", "telegram",
            "email").
        url: the absolute URL of the page.
        title: the headline, plain text.

    Returns:
        list of ``{"network": name, "url": link}``; links are not HTML-escaped yet (the
        template's autoescaping turns ``&`` into ``&amp;`` in the attribute).

    Raises:
        KeyError: an unknown network (settings.apply_defaults filters them out).
    """
    quoted_url, quoted_title = quote(url, safe=""), quote(title, safe="")
    values = {"url": quoted_url, "title": quoted_title, "both": f"{quoted_title}%0A{quoted_url}"}
    return [{"network": n, "url": TEMPLATES[n].format(**values)} for n in networks]
