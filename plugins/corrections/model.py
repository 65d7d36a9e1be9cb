"""Joining corrections, replies and withdrawals with the articles, once every file is read.

:func:`join` runs at ``article_generator_finalized`` (after the comments plugin has given each
article its ``id``) and sets, on every article (README, "What templates get"):

- ``article_type`` (``berita`` | ``hak-jawab`` | ``advertorial``), ``type_label`` (str, "" for
  news), ``sponsored`` (bool);
- ``corrections`` (list of :class:`.entries.Entry`, oldest first), ``corrections_top``
  (koreksi, klarifikasi: the box above the body), ``corrections_bottom`` (pembaruan);
- ``hak_jawab`` (the published reply Article, or None) and ``original_article`` (on a reply:
  the Article it answers, or None);
- ``withdrawn`` (bool) and ``withdrawal`` (:class:`Withdrawal` or None).

``Modified`` follows the newest entry: without ``Modified:`` (or with one newer than every
entry) ``article.modified`` becomes the newest entry's time; a ``Modified:`` older than an entry
is an error. It returns the site's corrections log (:class:`LogItem` list, newest first).
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from news_metadata.dates import DATE_FIX, DATE_FORM, format_wita, parse_date, to_wita
from news_metadata.errors import report
from news_metadata.ids import fallback_id
from news_metadata.text import suggest

from .settings import KINDS, REPLY_TYPE, SPONSORED_TYPE, TYPES


@dataclass
class Withdrawal:
    """A withdrawn article's announcement. ``reason``: the Withdrawn_reason name;
    ``reason_text``: its words (``CORRECTIONS_WITHDRAWAL_REASONS``); ``date``: aware WITA
    ``datetime``; ``note``: the editor's extra explanation (plain text) or "".
    """

    reason: str
    reason_text: str
    date: datetime
    note: str = ""


@dataclass
class LogItem:
    """One line of the corrections page and feed.

    Attributes:
        kind: an entry kind, ``hak-jawab`` or ``pencabutan``.
        date: aware ``datetime`` (WITA) it was published.
        article: the Article it concerns (for a reply: the original).
        url: where it is shown, relative to the site (``2024/12/x.html#koreksi-1``).
        html: ``Markup`` or str, the text (entries) or "" (the template words the others).
        text_plain: plain text for the feed's summary.
        reply: the reply Article (hak jawab only), else None.
        withdrawal: :class:`Withdrawal` (pencabutan only), else None.
    """

    kind: str
    date: datetime
    article: object
    url: str
    html: str = ""
    text_plain: str = ""
    reply: object = None
    withdrawal: object = None


def article_id(article, settings):
    """The article's id: ``article.id`` as the comments plugin set it, else its ``Id:``,
    else the source-path fallback (:func:`news_metadata.ids.fallback_id`).
    """
    value = str(getattr(article, "id", "") or "").strip()
    return value or fallback_id(article.source_path, settings["PATH"], settings["ARTICLE_PATHS"])


def _line(article, key):
    return getattr(article, "news_lines", {}).get(key)


def _published(article):
    return getattr(article, "status", "published") == "published"


def set_type(article, labels) -> None:
    """Check ``Type:`` and set ``article_type``, ``type_label``, ``sponsored``.

    Args:
        labels: dict type -> label (``CORRECTIONS_TYPE_LABELS`` with UI strings filled in).
    """
    written = str(getattr(article, "type", "") or "").strip()
    value = written.lower() or "berita"
    if value not in TYPES:
        report(
            article.source_path,
            _line(article, "type"),
            f"unknown Type {written!r}{suggest(value, list(TYPES))}",
            f"write 'Type: ' and one of: {', '.join(TYPES)} (or remove the line for news; "
            "opinion is 'Category: Opini')",
        )
        value = "berita"
    article.article_type = value
    article.type_label = labels.get(value) or ""
    article.sponsored = value == SPONSORED_TYPE


def set_withdrawal(article, reasons, now) -> None:
    """Check the withdrawal keys and set ``withdrawn`` / ``withdrawal``.

    ``article.withdrawn`` was set when the file was read (``Status: withdrawn``, see
    :func:`corrections.plugin.mark_withdrawn`). Rules: PPMS 2012 point 5 (a withdrawal needs
    one of the guideline's reasons and is announced with it).
    """
    path = article.source_path
    withdrawn = bool(getattr(article, "withdrawn", False))
    article.withdrawn = withdrawn
    article.withdrawal = None
    reason = str(getattr(article, "withdrawn_reason", "") or "").strip()
    written_date = str(getattr(article, "withdrawn_date", "") or "").strip()
    if not withdrawn:
        for key, value in (("withdrawn_reason", reason), ("withdrawn_date", written_date)):
            if value:
                report(
                    path,
                    _line(article, key),
                    f"{key.capitalize()} is set but the article is not withdrawn",
                    "add 'Status: withdrawn' to withdraw it (make withdraw ARTICLE=<id> "
                    f"REASON=...), or remove the {key.capitalize()} line",
                )
        return
    status_line = _line(article, "status")
    choices = ", ".join(reasons)
    ok = True
    if not reason:
        report(
            path,
            _line(article, "withdrawn_reason") or status_line,
            "a withdrawn article needs a Withdrawn_reason",
            f"add 'Withdrawn_reason: ' and one of: {choices} (Pedoman Pemberitaan Media Siber "
            "point 5: a story is withdrawn only for these reasons, and the reason is announced)",
        )
        ok = False
    elif reason.lower() not in reasons:
        report(
            path,
            _line(article, "withdrawn_reason"),
            f"Withdrawn_reason {reason!r} is not one of the guideline's reasons"
            f"{suggest(reason, list(reasons))}",
            f"use one of: {choices}; a story is not withdrawn for any other reason "
            "(Pedoman Pemberitaan Media Siber point 5)",
        )
        ok = False
    date = None
    if not written_date:
        report(
            path,
            status_line,
            "a withdrawn article needs a Withdrawn_date",
            "add 'Withdrawn_date: YYYY-MM-DD HH:MM' (WITA), when it was withdrawn",
        )
        ok = False
    else:
        try:
            date = to_wita(parse_date(written_date))
        except ValueError as exc:
            report(
                path,
                _line(article, "withdrawn_date"),
                f"Withdrawn_date {exc}",
                DATE_FIX.replace("Date:", "Withdrawn_date:"),
            )
            ok = False
    if date is not None and not _check_time(article, date, "Withdrawn_date", now, "withdrawn_date"):
        ok = False
    if ok:
        article.withdrawal = Withdrawal(
            reason=reason.lower(),
            reason_text=reasons[reason.lower()],
            date=date,
            note=str(getattr(article, "withdrawn_note", "") or "").strip(),
        )


def _check_time(article, date, label, now, key=None, path=None, line=None):
    """Report a time before the article's own Date or after the build's "now"; True if fine."""
    path = path or article.source_path
    line = line if line is not None else _line(article, key)
    if date < article.date:
        report(
            path,
            line,
            f"{label} {format_wita(date)} is before the article's own Date "
            f"({format_wita(article.date)})",
            f"write the time it was published, at or after the article's Date ({DATE_FORM})",
        )
        return False
    if date.astimezone(UTC) > now:
        report(
            path,
            line,
            f"{label} {format_wita(date)} is in the future",
            "write the time it was published, not a planned one (check the year)",
        )
        return False
    return True


def attach_entries(article, entries, now) -> None:
    """Check ``entries`` against ``article`` and set ``corrections*`` and ``modified``."""
    usable = []
    for entry in entries:
        if _check_time(
            article, entry.date, "the entry's date", now, path=entry.path, line=entry.line
        ):
            usable.append(entry)
    usable.sort(key=lambda e: e.date)
    counts = {}
    for entry in usable:
        counts[entry.kind] = counts.get(entry.kind, 0) + 1
        entry.anchor = f"{entry.kind}-{counts[entry.kind]}"
    article.corrections = usable
    article.corrections_top = [e for e in usable if KINDS[e.kind]["placement"] == "top"]
    article.corrections_bottom = [e for e in usable if KINDS[e.kind]["placement"] == "bottom"]
    if not usable:
        return
    newest = usable[-1]
    modified = getattr(article, "modified", None)
    if modified is not None and "modified" in getattr(article, "news_lines", {}):
        if modified < newest.date:
            report(
                article.source_path,
                _line(article, "modified"),
                f"Modified ({format_wita(modified)}) is older than the {newest.kind} of "
                f"{format_wita(newest.date)} in {_display(newest.path)}:{newest.line}",
                "delete the Modified line (it follows the newest correction by itself), or set "
                f"it to {newest.date:%Y-%m-%d %H:%M} or later",
            )
        return
    if modified is None or modified < newest.date:
        article.modified = newest.date


def _display(path):
    from news_metadata.errors import display_path

    return display_path(path)


def link_replies(articles, by_id, settings) -> None:
    """Check every hak jawab (``Type: hak-jawab`` + ``Replies_to``) and link both ways.

    Rules (Pedoman Hak Jawab, Peraturan Dewan Pers 9/2008): the reply answers one existing
    article, is published in the same section ("pada tempat ... yang sama"), and once per
    news item (13.e); the original shows it at the top and the reply links back.
    """
    for article in articles:
        article.hak_jawab = None
        article.original_article = None
    replies = sorted(
        (a for a in articles if a.article_type == REPLY_TYPE or getattr(a, "replies_to", None)),
        key=lambda a: (a.date, a.source_path),
    )
    for reply in replies:
        path = reply.source_path
        line = _line(reply, "replies_to")
        target_id = str(getattr(reply, "replies_to", "") or "").strip()
        if reply.article_type != REPLY_TYPE:
            report(
                path,
                line,
                "Replies_to is only for a hak jawab",
                "add 'Type: hak-jawab' to the header, or remove the Replies_to line",
            )
            continue
        if not target_id:
            report(
                path,
                _line(reply, "type") or 1,
                "a hak jawab needs Replies_to: the Id of the article it answers",
                "add 'Replies_to: <Id of the original article>' (make hak-jawab ARTICLE=<id> "
                "writes it)",
            )
            continue
        own = article_id(reply, settings)
        if target_id == own:
            report(
                path,
                line,
                f"this hak jawab replies to itself (Replies_to is its own Id {own!r})",
                "write the Id of the article it answers (the original's 'Id:' line)",
            )
            continue
        original = by_id.get(target_id)
        if original is None:
            report(
                path,
                line,
                f"Replies_to {target_id!r}: no article has this Id"
                f"{suggest(target_id, list(by_id))}",
                "write the Id of the article it answers, exactly as in its 'Id:' line",
            )
            continue
        where = _display(original.source_path)
        if _published(reply) and not (_published(original) or original.withdrawn):
            report(
                path,
                line,
                f"Replies_to {target_id!r}: the original ({where}) is not published",
                "publish the original first, or keep the reply a draft",
            )
            continue
        if original.article_type == REPLY_TYPE:
            report(
                path,
                line,
                f"Replies_to {target_id!r} is itself a hak jawab ({where})",
                "write the Id of the article the reply answers, not of another reply",
            )
            continue
        if original.category != reply.category:
            report(
                path,
                _line(reply, "category"),
                f"a hak jawab is published in the same section as the article it answers: "
                f"{original.category.name!r}, not {reply.category.name!r}",
                f"write 'Category: {original.category.name}' (Pedoman Hak Jawab: 'pada tempat "
                "yang sama')",
            )
            continue
        if reply.date < original.date:
            report(
                path,
                _line(reply, "date"),
                f"the hak jawab's Date is before the original's ({format_wita(original.date)})",
                "write the time the reply was published",
            )
            continue
        if not _published(reply):
            reply.original_article = original  # drafts link back in the development build
            continue
        if original.hak_jawab is not None:
            first = _display(original.hak_jawab.source_path)
            report(
                path,
                line,
                f"{where} already has a hak jawab ({first})",
                "a hak jawab is published once per news item (Pedoman Hak Jawab 13.e): add "
                "this text to the first reply, or make it a correction (make correction)",
            )
            continue
        reply.original_article = original
        original.hak_jawab = reply


def corrections_log(articles):
    """Every published correction, hak jawab and withdrawal, newest first.

    Args:
        articles: every Article of the build, with :func:`join`'s attributes set.

    Returns:
        list of :class:`LogItem`; drafts and scheduled articles are left out.
    """
    log = []
    for article in articles:
        if not (_published(article) or article.withdrawn):
            continue
        url = article.url
        for entry in article.corrections:
            log.append(
                LogItem(
                    kind=entry.kind,
                    date=entry.date,
                    article=article,
                    url=f"{url}#{entry.anchor}",
                    html=entry.html,
                    text_plain=entry.text_plain,
                )
            )
        if article.hak_jawab is not None:
            reply = article.hak_jawab
            log.append(
                LogItem(
                    kind=REPLY_TYPE, date=reply.date, article=article, url=reply.url, reply=reply
                )
            )
        if article.withdrawal is not None:
            log.append(
                LogItem(
                    kind="pencabutan",
                    date=article.withdrawal.date,
                    article=article,
                    url=url,
                    text_plain=article.withdrawal.reason_text,
                    withdrawal=article.withdrawal,
                )
            )
    log.sort(key=lambda item: (item.date, item.url), reverse=True)
    return log


def join(articles, found, settings, labels, now, corrections_root):
    """Join everything (module doc).

    Args:
        articles: every Article of the build (any status), in source-path order.
        found: :func:`.entries.scan`'s dict article id -> entries.
        settings: Pelican's settings.
        labels: type -> label.
        now: aware UTC ``datetime``, the build's "now".
        corrections_root: the corrections folder, for the orphan-file message.

    Returns:
        the corrections log (:func:`corrections_log`).
    """
    by_id = {}
    for article in articles:
        by_id.setdefault(article_id(article, settings), article)
        set_type(article, labels)
        set_withdrawal(article, settings["CORRECTIONS_WITHDRAWAL_REASONS"], now)
    for name in found:
        if name not in by_id:
            report(
                f"{corrections_root}/{name}.yml",
                None,
                f"belongs to no article: no article has 'Id: {name}'{suggest(name, list(by_id))}",
                "rename the file to <Id of the article>.yml (make correction ARTICLE=<id> "
                "names it for you)",
            )
    for article in articles:
        entries = found.get(article_id(article, settings), [])
        if by_id.get(article_id(article, settings)) is not article:
            entries = []
        attach_entries(article, entries, now)
    link_replies(articles, by_id, settings)
    return corrections_log(articles)
