"""news_metadata.taxonomy: one display name per tag slug, a warning per other spelling."""

import logging
from datetime import datetime
from types import SimpleNamespace

from conftest import ROOT
from news_metadata.taxonomy import unify_tags
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Tag


def article(path, date, tags, settings):
    return SimpleNamespace(
        source_path=str(path),
        date=datetime.fromisoformat(date),
        tags=[Tag(name, settings) for name in tags],
        news_lines={"tags": 5},
    )


def test_another_spelling_is_a_warning_at_its_relative_path_and_line(caplog):
    settings = dict(DEFAULT_CONFIG)
    older = article(ROOT / "content/articles/2024/a.md", "2024-01-01T08:00", ["Banjir"], settings)
    newer = article(ROOT / "content/articles/2025/b.md", "2025-01-01T08:00", ["BANJIR"], settings)
    generator = SimpleNamespace(settings=settings, articles=[newer, older], translations=[])
    with caplog.at_level(logging.WARNING):
        unify_tags(generator)
    assert newer.tags[0].name == "Banjir"
    assert [r.getMessage() for r in caplog.records] == [
        "content/articles/2025/b.md:5: tag 'BANJIR' is shown as 'Banjir', the way the site "
        "already writes it — write 'Banjir'"
    ]
