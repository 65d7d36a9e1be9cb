"""corrections settings: defaults in one place (the Pelican DEFAULT_CONFIG habit), and the
fixed vocabularies (kinds of entry, article types, withdrawal reasons).
"""

import logging

from news_metadata.inventory import register_content_folder
from news_metadata.settings import register_keys, register_status

logger = logging.getLogger(__name__)

# Kinds of correction entry and where the article shows them: serious ones above the body,
# updates below (Newspack's priority; NYT/Guardian/BBC put corrections where readers see them).
KINDS = {
    "koreksi": {"placement": "top"},
    "klarifikasi": {"placement": "top"},
    "pembaruan": {"placement": "bottom"},
}
# Only these become schema.org `correction` (CorrectionComment): an update corrects nothing.
CORRECTION_KINDS = ("koreksi", "klarifikasi")

# Values of `Type:`. berita is the default; opinion is a section (Category: Opini), not a type.
TYPES = ("berita", "hak-jawab", "advertorial")
REPLY_TYPE = "hak-jawab"
SPONSORED_TYPE = "advertorial"

# The value of `Status:` that withdraws a published article.
WITHDRAWN_STATUS = "withdrawn"

DEFAULTS = {
    # Folder of correction files, relative to PATH: <CORRECTIONS_PATH>/<article-id>.yml
    "CORRECTIONS_PATH": "corrections",
    # Slug of the page that lists every correction, reply and withdrawal, newest first: a
    # page in content/pages/ with `Template: corrections` (content/pages/koreksi.md: /koreksi/).
    "CORRECTIONS_PAGE": "koreksi",
    # Its Atom feed, relative to the output folder; "" or None for none.
    "CORRECTIONS_FEED_ATOM": "feeds/koreksi.atom.xml",
    # Slug of the page that explains the policy (linked from boxes, notices and the page).
    "CORRECTIONS_POLICY_PAGE": "kebijakan-koreksi",
    # Reasons a story may be withdrawn (PPMS 2012, point 5.b): value of Withdrawn_reason ->
    # the words the withdrawal notice uses.
    "CORRECTIONS_WITHDRAWAL_REASONS": {
        "sara": "menyangkut masalah suku, agama, ras, dan antargolongan (SARA)",
        "kesusilaan": "menyangkut kesusilaan",
        "masa-depan-anak": "menyangkut masa depan anak",
        "trauma-korban": "menyangkut pengalaman traumatik korban",
        "dewan-pers": "berdasarkan pertimbangan khusus yang ditetapkan Dewan Pers",
    },
    # Label shown for each article type above the headline, in listings and in feed titles;
    # None means the theme's UI string (UI["type_advertorial"], UI["type_hak_jawab"]).
    "CORRECTIONS_TYPE_LABELS": {"advertorial": None, "hak-jawab": None},
}

# Article metadata keys this plugin owns (registered with news_metadata at `initialized`).
ARTICLE_KEYS = ("Type", "Replies_to", "Withdrawn_reason", "Withdrawn_date", "Withdrawn_note")


def apply_defaults(settings) -> None:
    """Fill in missing CORRECTIONS_* settings of ``settings`` (Pelican's dict) in place, check
    them, and register this plugin's article keys with news_metadata.

    A withdrawal-reason table that is not a non-empty dict of str -> str is replaced by the
    default with a warning (Pelican's habit: bad settings fall back, only fatal ones raise).
    """
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    reasons = settings["CORRECTIONS_WITHDRAWAL_REASONS"]
    if not (
        isinstance(reasons, dict)
        and reasons
        and all(isinstance(k, str) and isinstance(v, str) and v for k, v in reasons.items())
    ):
        logger.warning(
            "CORRECTIONS_WITHDRAWAL_REASONS must map reason names to their words, got %r; "
            "using the default list",
            reasons,
        )
        settings["CORRECTIONS_WITHDRAWAL_REASONS"] = DEFAULTS["CORRECTIONS_WITHDRAWAL_REASONS"]
    labels = settings["CORRECTIONS_TYPE_LABELS"]
    if not isinstance(labels, dict):
        logger.warning("CORRECTIONS_TYPE_LABELS must be a dict, got %r; using UI strings", labels)
        settings["CORRECTIONS_TYPE_LABELS"] = DEFAULTS["CORRECTIONS_TYPE_LABELS"]
    register_keys(settings, ARTICLE_KEYS)
    register_status(settings, WITHDRAWN_STATUS)
    register_content_folder(settings, settings["CORRECTIONS_PATH"], "correction", ("*.yml",))
