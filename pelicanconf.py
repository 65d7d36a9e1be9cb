"""Development settings for Kabar Mbojo.

Relative URLs, drafts visible, content errors reported but not fatal.
`publishconf.py` imports everything here and overrides only what production needs.
Pelican setting names: https://docs.getpelican.com/en/4.12.0/settings.html
"""

import json
from pathlib import Path

_HERE = Path(__file__).resolve().parent

AUTHOR = "Redaksi Kabar Mbojo"
USE_FOLDER_AS_CATEGORY = False  # the Category: line decides, never the folder
SITENAME = "Kabar Mbojo"
SITESUBTITLE = "Berita dan opini dari Bima, Nusa Tenggara Barat"
SITEURL = ""
RELATIVE_URLS = True
# Feeds need absolute links; in development they point at `make serve`.
FEED_DOMAIN = "http://localhost:8000"

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
# content/data, content/comments, content/bibliography are read by plugins, never by Pelican's
# generators. Every other file under content/ must be an article, a page, a static file or
# match one of these patterns, else it is an error (news_metadata inventory): hidden files
# (.git, .DS_Store), editor backups and locks, Windows' folder files.
IGNORE_FILES = [".*", "*~", "~$*", "README.md", "Thumbs.db", "desktop.ini"]

TIMEZONE = "Asia/Makassar"  # WITA, UTC+8
DEFAULT_LANG = "id"
# Dates are formatted by Babel (news_metadata filters), never by the OS locale; C.UTF-8 keeps
# the process reading and writing UTF-8 (plain "C" made Python decode as ASCII after Pelican set
# it); plain "C" only where C.UTF-8 does not exist.
LOCALE = ("C.UTF-8", "C")
DEFAULT_DATE = None  # an article without a valid Date is an error, not "now"

THEME = "theme"
# UI strings live in one file per language; templates read them as UI["key"].
UI_LANG = "id"
UI = json.loads((_HERE / "theme" / "strings" / f"{UI_LANG}.json").read_text(encoding="utf-8"))

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["news_metadata"]
PLUGINS += ["citations"]  # after news_metadata: it reports through news_metadata.errors

# --- news_metadata (see plugins/news_metadata/README.md) ---
NEWS_METADATA_AUTHORS_FILE = "data/authors.yml"
NEWS_METADATA_CATEGORIES = [
    "Berita",
    "Opini",
    "Pemerintahan",
    "Pendidikan",
    "Ekonomi",
    "Budaya",
    "Olahraga",
    "Hukum",
]
NEWS_METADATA_STRICT = False  # dev build reports content errors and goes on

# --- newsroom_tools (see plugins/newsroom_tools/README.md): site-wide checks, scheduling ---
PLUGINS += ["newsroom_tools"]

# --- comments (see plugins/comments/README.md): moderated reader comments ---
PLUGINS += ["comments"]  # after news_metadata, which it reports errors through
# No form endpoint yet: readers send comments by email; "Laporkan" links mail the same address.
COMMENTS_EMAIL = "redaksi@kabarmbojo.example"
COMMENTS_FORM_ACTION = ""
# --- breaking_news and news_seo (see plugins/breaking_news/README.md, plugins/news_seo/README.md)
PLUGINS += ["breaking_news", "news_seo"]
BREAKING_NEWS_MAX_ITEMS = 5
BREAKING_NEWS_MAX_AGE = 48  # hours after Date, unless the article has Breaking_until
NEWS_SEO_OPINION_CATEGORIES = ["Opini"]  # OpinionNewsArticle; the rest are NewsArticle
BREAKING_NEWS_EXPIRED_MARK = False  # after the window: no label (True: a quiet "Berita terkini")

# --- front_page (see plugins/front_page/README.md): lead story, section blocks, "Baca juga",
# the menu's pages, feed ids, the text-only edition /teks/, 404 page, hashed stylesheet ---
PLUGINS += ["front_page"]  # after breaking_news (labels) and news_seo (share links)
FRONT_PAGE_SECTIONS = None  # the order of NEWS_METADATA_CATEGORIES
FRONT_PAGE_MENU_PAGES = ["tentang", "redaksi", "kontak", "pedoman-pemberitaan-media-siber"]

# --- corrections (see plugins/corrections/README.md): corrections, hak jawab, withdrawals,
# /koreksi/, labels. After comments (article ids) and before nothing else in particular.
PLUGINS += ["corrections"]
CORRECTIONS_POLICY_PAGE = "kebijakan-koreksi"
# The publisher's policies in JSON-LD (NewsMediaOrganization), by page slug (Trust Project).
NEWS_SEO_ORGANIZATION_PAGES = {
    "publishingPrinciples": "pedoman-pemberitaan-media-siber",
    "ethicsPolicy": "pedoman-pemberitaan-media-siber",
    "verificationFactCheckingPolicy": "pedoman-pemberitaan-media-siber",
    "correctionsPolicy": "kebijakan-koreksi",
    "masthead": "redaksi",
}
# --- blogger_redirects (see plugins/blogger_redirects/README.md): Blogger's old URLs ---
# Writes redirects only once make import-blogger has written content/data/blogger-labels.json.
PLUGINS += ["blogger_redirects"]

# --- news_images (see plugins/news_images/README.md): responsive images, share images and
# cards, card thumbnails, click-to-load embeds. Derived files are cached in cache/news_images/.
PLUGINS += ["news_images"]  # before the theme renders: news_seo reads share_image

# --- search (see plugins/search/README.md): Pagefind index, the /cari/ page ---
PLUGINS += ["search"]
# The dev build writes the search page but no index: `make devserver SEARCH=1` builds one.
SEARCH_INDEX = False

# --- cms (see plugins/cms/README.md): the web editor at /admin/ (Decap CMS, config.yml made
# from the content model). Without `make cms-tools` the build leaves /admin/ out with a warning.
PLUGINS += ["cms"]

# --- build_speed (see plugins/build_speed/README.md): linear term pages, compiled templates
# kept in cache/jinja/, URLs computed once. Last: it keeps URLs once every plugin has set them.
PLUGINS += ["build_speed"]

# --- Markdown and typography ---
MARKDOWN = {
    "extension_configs": {
        # Footnote back-links titled in Indonesian (Python-Markdown's default is English).
        "markdown.extensions.extra": {
            "footnotes": {"BACKLINK_TITLE": UI["footnote_back"]},
        },
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}
TYPOGRIFY = True
# Typogrify must never touch code, preformatted text, scripts, styles or link text (which is
# often the URL itself: "a--b" must not become an em dash).
TYPOGRIFY_IGNORE_TAGS = ["pre", "code", "kbd", "samp", "script", "style", "math", "a"]
# Typogrify's "caps" filter ate the space after initials ("A. B. (2011)" -> "A. B.(2011)") and
# the theme does not style span.caps; the rest is kept, with news_metadata/typography.py fixing
# what smartypants gets wrong in Indonesian text before it runs (ranges, '98, addresses).
TYPOGRIFY_OMIT_FILTERS = ["caps"]
SUMMARY_MAX_PARAGRAPHS = 1
SUMMARY_MAX_LENGTH = None

# Autoescape: titles, names and anything an editor or reader typed are text unless a
# template marks a field as trusted HTML with |safe (content, summary, typogrified title).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# --- URLs (Blogger-compatible; see docs/design "URLs") ---
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}.html"
ARTICLE_SAVE_AS = ARTICLE_URL
DRAFT_URL = "draf/{slug}.html"
DRAFT_SAVE_AS = DRAFT_URL
PAGE_URL = "p/{slug}.html"
PAGE_SAVE_AS = PAGE_URL
# A translation (Lang: en) next to its story, in the same scheme; Pelican's default
# "{slug}-{lang}.html" put it at the site's root.
ARTICLE_LANG_URL = "{date:%Y}/{date:%m}/{slug}-{lang}.html"
ARTICLE_LANG_SAVE_AS = ARTICLE_LANG_URL
PAGE_LANG_URL = "p/{slug}-{lang}.html"
PAGE_LANG_SAVE_AS = PAGE_LANG_URL
CATEGORY_URL = "kategori/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
CATEGORIES_URL = "kategori/"
CATEGORIES_SAVE_AS = CATEGORIES_URL + "index.html"
TAG_URL = "label/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_URL = "label/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
AUTHOR_URL = "penulis/{slug}/"
AUTHOR_SAVE_AS = AUTHOR_URL + "index.html"
AUTHORS_URL = "penulis/"
AUTHORS_SAVE_AS = AUTHORS_URL + "index.html"
ARCHIVES_URL = "arsip/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives"]

DEFAULT_PAGINATION = 10
# Page 2+ lives under .../page/N/ (a leading "/" is stripped by Pelican for the home page).
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
# The home page's page 1 is the front page: the lead story and "Terbaru" are its 7 articles, so
# page 2 goes on where they end (the section blocks below them show older articles).
PAGINATED_TEMPLATES = {"index": 7, "tag": None, "category": None, "author": None}

# --- Feeds (Atom, under /feeds/) ---
FEED_ALL_ATOM = "feeds/semua.atom.xml"
CATEGORY_FEED_ATOM = "feeds/kategori/{slug}.atom.xml"
AUTHOR_FEED_ATOM = "feeds/penulis/{slug}.atom.xml"
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = "feeds/label/{slug}.atom.xml"  # per-tag feeds, as Blogger had per label
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = False

# Development builds are quick to throw away; no cache by default.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

MENUITEMS = ()
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False

# Articles are Markdown only: one content model, checked by news_metadata's reader. The
# reStructuredText and HTML readers stay off (an .rst or .html file in content/ is an error
# that says to write Markdown; Docutils' locale warning goes with them).
READERS = {"rst": None, "html": None, "htm": None}
