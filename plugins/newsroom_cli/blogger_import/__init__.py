"""blogger_import: ``make import-blogger FILE=export.xml``, a whole Blogger blog into content/.

A command-line tool, not a Pelican plugin: posts, pages, comments, author profiles and the
data the ``blogger_redirects`` plugin turns into redirects for Blogger's other URLs. See
README.md in this folder.
"""
