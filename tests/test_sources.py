"""Sources are cited as people cite them: the article as 公开报道（评论文章）, the statistics office's
figures it relays as 苏州统计局（转引自公开报道）, the plan by its title; never a file name, never an
invented publisher or date. An install made before the rename gets the new titles (m008)."""

import pytest

from knowledge.render import render_reply
from knowledge.store import RENAMED_SOURCES, open_store


@pytest.mark.parametrize("question,cited", [
    ("2013年规上工业总产值", "来源：公开报道（评论文章）"),
    ("苏州千亿产业数量", "来源：公开报道（评论文章）"),
    ("2024年民营工业产值", "来源：苏州统计局（转引自公开报道）"),
    ("民营工业占比", "来源：苏州统计局（转引自公开报道）"),
    ("研发投入目标", "来源：《苏州市推进新型工业化2026年行动方案》"),
])
def test_replies_cite_sources_as_people_do(answerer, question, cited):
    text = render_reply(answerer.answer(question))
    assert cited in text
    assert "000_01f0a1e0f9e951ab" not in text and "种子文章" not in text and ".txt" not in text


def test_no_seeded_source_names_a_file_a_publisher_or_date_it_does_not_have(store):
    for source in store.source_list():
        assert "000_" not in source.title and "种子" not in source.title
    article = {s.id: s for s in store.source_list()}["article"]
    assert article.publisher == ""


def test_an_older_install_gets_the_new_titles_and_keeps_an_admins_own(tmp_path):
    path = tmp_path / "old.db"
    store = open_store(path)
    old_article, _ = RENAMED_SOURCES["article"]
    old_stats, _ = RENAMED_SOURCES["szstats"]
    store.db.execute("update sources set title = ? where id = 'article'", [old_article])
    store.db.execute("update sources set title = '市统计局月报' where id = 'szstats'")  # an admin's edit
    store.db.execute("delete from _sqlite_migrations where name = 'm008_source_titles'")
    store.db.conn.commit()
    titles = {s.id: s.title for s in open_store(path).source_list()}
    assert titles["article"] == "公开报道（评论文章）"
    assert titles["szstats"] == "市统计局月报"


def test_sources_name_a_publisher_once(store):
    from knowledge.render import render_sources

    text = render_sources(store.source_list())
    assert "· 苏州统计局（转引自公开报道）\n" in text + "\n" and "（苏州统计局）" not in text, text
    assert "· 《苏州市推进新型工业化2026年行动方案》（苏州市）" in text  # a title that does not name it
