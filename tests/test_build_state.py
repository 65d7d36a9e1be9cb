"""news_metadata.state: one per-build state object, reset at article_generator_init."""

from conftest import ROOT
from news_metadata import errors, state
from pelican import signals


def test_parts_are_made_once_per_build_and_dropped_at_the_reset():
    first = state.build_state()
    labels = first.part("test.labels", dict)
    labels["a"] = 1
    assert state.build_state().part("test.labels", dict) is labels
    errors.report("x.md", 1, "broken", "fix it")
    state.reset()  # connected to article_generator_init, the first signal of every build
    assert state.build_state() is not first
    assert state.build_state().get("test.labels") is None
    assert errors.collector.errors == []


def test_the_reset_is_connected_before_any_plugin_receiver():
    """As Pelican registers the site's plugins (in PLUGINS order), also in a process whose
    signals were cleared between builds (tests/inprocess.py does that)."""
    import importlib

    import inprocess
    from pelican.settings import read_settings

    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    inprocess._reset()
    try:
        for name in plugins:
            importlib.import_module(name).register()
        receivers = list(signals.article_generator_init.receivers_for(object()))
        assert len(receivers) > 1 and receivers[0] is state.reset
    finally:
        inprocess._reset()
