"""news_metadata.state: one per-build state object, reset at article_generator_init."""

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
    receivers = list(signals.article_generator_init.receivers_for(object()))
    assert receivers and receivers[0] is state.reset
