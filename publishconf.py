"""Production settings: everything from pelicanconf.py, then only what publishing changes.

SITEURL comes from the environment so one repo can deploy to staging and production.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://kabarmbojo.example").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL

DELETE_OUTPUT_DIRECTORY = True

# Any content error fails the publish build, whatever the log level.
NEWS_METADATA_STRICT = True
NEWS_METADATA_ERRORS_SAVE_AS = ""  # the error index page is for development builds only

# The Pagefind index is built inside the publish build, before the swap (plugins/search).
SEARCH_INDEX = True

# Drafts and scheduled (future-dated) articles are never written, listed or put in feeds:
# an empty *_SAVE_AS makes Pelican's writer skip them (newsroom_tools README, "Drafts").
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_URL = ""
DRAFT_PAGE_SAVE_AS = ""

# The web editor (plugins/cms): CMS_REQUIRED=1 (CI's publish build) makes a missing Decap CMS
# package a content error; elsewhere /admin/ is left out with a warning and the site publishes.
CMS_REQUIRED = os.environ.get("CMS_REQUIRED") == "1"
