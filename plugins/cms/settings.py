"""cms settings: defaults in one place (the Pelican DEFAULT_CONFIG habit)."""

import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULTS = {
    # Folder of the web editor in the output (the design's URL: /admin/); "" or None: none.
    "CMS_SAVE_AS": "admin",
    # Where `make cms-tools` (npm ci in tools/cms/) puts Decap CMS's bundled script.
    "CMS_SCRIPT_DIR": os.path.join(ROOT, "tools", "cms", "node_modules", "decap-cms", "dist"),
    # True: a build without the npm package is a content error (fails the publish build);
    # False: the build leaves /admin/ out with a warning. publishconf.py follows CMS_REQUIRED=1.
    "CMS_REQUIRED": False,
    # The Git host the published editor writes to (README, "Web editor: set-up on GitHub").
    "CMS_BACKEND": {"name": "github", "repo": "kabar-mbojo/kabar-mbojo", "branch": "main"},
    # The local backend of `make cms` (decap-server), 127.0.0.1 only.
    "CMS_LOCAL_BACKEND_URL": "http://127.0.0.1:8081/api/v1",
    # Decap's editorial workflow (draft -> review -> ready as pull requests); False: direct commits.
    "CMS_EDITORIAL_WORKFLOW": True,
    # First and last year with an article collection (content/articles/<yyyy>/); None: the
    # years found in content/articles/ plus the current one.
    "CMS_YEARS": None,
}


def apply_defaults(settings):
    """Fill in every missing CMS_* setting of ``settings`` (a dict) in place."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
