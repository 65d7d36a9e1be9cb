"""The page frame's partials (site header, menu, footer) rendered once per build and key.

Every page of the site carries the same header bar, menu and footer (theme/templates/base.html):
about a quarter of a listing page's rendering and a fifth of an article page's, for text that
differs between pages only in a few values. base.html calls ``include_once(name, key)`` when
this plugin defines it (and ``{% include name %}`` otherwise); the template passes as ``key``
every page-dependent value the partial reads (``SITEURL``, relative in the dev build; which
menu item is the current page), and the rest of what it reads is build-wide (settings, ``UI``,
the sections and menu pages). The texts are kept on the Jinja environment, which Pelican makes
anew with every generator, so a build (and each of the dev server's exact builds) starts empty.
"""

from jinja2 import pass_context
from markupsafe import Markup

# Where an environment keeps its rendered partials: {(template name, key): Markup}.
ATTRIBUTE = "_build_speed_partials"


@pass_context
def include_once(context, name: str, key) -> Markup:
    """Return the text ``{% include name %}`` would write at this point of a page (Markup),
    rendered once per (``name``, ``key``) in this Jinja environment.

    ``context``: the page's Jinja context (Jinja passes it). ``key`` (hashable) must hold every
    page-dependent value the partial reads; an unhashable key renders without the cache.
    Raises what the partial's rendering raises (``TemplateNotFound`` for a missing name).
    """
    environment = context.environment
    partials = environment.__dict__.setdefault(ATTRIBUTE, {})
    try:
        return partials[name, key]
    except KeyError:
        partials[name, key] = text = _include(context, name)
        return text
    except TypeError:  # unhashable key
        return _include(context, name)


def _include(context, name):
    # What Jinja's compiled {% include %} does: the partial's root over a copy of the page's
    # context (a partial sees the page's variables, not the including template's locals).
    template = context.environment.get_template(name, parent=context.name)
    return Markup("".join(template.root_render_func(template.new_context(context.get_all(), True))))


def install(environment):
    """Define the ``include_once`` global in a Jinja ``environment``."""
    environment.globals.setdefault("include_once", include_once)
