"""Short forms of indicator names (issue 22, kind 7): 工增, 工投, 生服业, 新增高企 — derived by rule from the
names and aliases (knowledge/short_forms.py), answered only when they are the whole question, never
fuzzily, never in place of another indicator's own name, and a form two indicators share is asked back."""

import pytest

from knowledge.matcher import Decision, Matcher
from knowledge.models import Indicator
from knowledge.questions import parse_question
from knowledge.short_forms import compounds_of, forms_of, short_forms, words


@pytest.mark.parametrize("name,expected", [
    ("生产性服务业增加值", ["生产性", "服务业", "增加值"]),
    ("工业投资总额", ["工业", "投资", "总额"]),
    ("规模以上工业总产值", ["规模", "以上", "工业", "总产值"]),
    ("制造业增加值占gdp比重", ["制造业", "增加值", "占", "gdp", "比重"]),
    ("信息化和工业化融合", ["信息化", "和", "工业化", "融合"]),
    ("新增领航级智能工厂", ["新增", "领航级", "智能", "工厂"]),
    ("人才总量", ["人才", "总量"]),
    ("智算规模", ["智算", "规模"]),
    ("两化融合达成度", ["两化", "融合", "达成度"]),
])
def test_words_of_a_name(name, expected):
    assert words(name) == expected


def test_a_word_the_vocabulary_shortens_to_its_first_half_is_one_word():
    names = ["新增高新技术企业", "高企", "高新技术企业", "高新企业"]
    assert compounds_of(names) == {"高新技术"}
    assert words("新增高新技术企业", compounds_of(names)) == ["新增", "高新技术", "企业"]
    assert words("新增高新技术企业") == ["新增", "高新", "技术", "企业"]


@pytest.mark.parametrize("name,wanted", [
    ("工业增加值", {"工增", "工增值"}),
    ("工业投资", {"工投"}),
    ("生产性服务业", {"生服", "生服业"}),
    ("生产性服务业增加值", {"生服增加值", "生服业增加值"}),
    ("规模以上工业总产值", {"规上工业总产值"}),
    ("单项冠军", {"单冠"}),
    ("工业投资总额", {"工投总额"}),
])
def test_short_forms_of_a_name(name, wanted):
    assert wanted <= forms_of(name)


def test_a_four_character_word_gives_its_first_character():
    assert "高企" in forms_of("高新技术企业", frozenset({"高新技术"}))
    assert "新增高企" in forms_of("新增高新技术企业", frozenset({"高新技术"}))


@pytest.mark.parametrize("name", ["两化融合", "亿元项目", "千亿产业", "占gdp比重", "瞪羚"])
def test_no_short_form_from_numerals_one_character_words_or_a_single_word(name):
    # 两融 and 亿项 would read as another word and as an amount; 占 and gdp are no word to shorten
    assert forms_of(name) == set()


@pytest.mark.parametrize("name", ["", "以", "a", "以上", "%", "工", "以以以以", "ａ股"])
def test_any_name_gives_short_forms_without_failing(name):
    assert isinstance(short_forms([[name], ["工业增加值"]]), dict)  # the matcher is built from whatever is stored


# made-up vocabularies below (labelled): positions stand for indicators
def test_an_indicators_own_name_or_alias_is_never_a_short_form_of_another():
    assert "工增" not in short_forms([["工业增加值"], ["工增"]])


def test_a_piece_of_a_name_is_a_word_in_its_own_right():
    assert "工增" not in short_forms([["工业增加值"], ["加工增速"]])  # made up


def test_chatter_is_never_a_short_form():
    assert "收到" not in short_forms([["收入到账"]])  # made up: 收入|到账


def test_a_short_form_of_two_indicators_names_both():
    assert short_forms([["工业投资"], ["工业投入"]])["工投"] == [0, 1]


def _indicator(key: str, name: str) -> Indicator:
    return Indicator(key, name, "test", "亿元", "level", True)


def test_a_shared_short_form_is_asked_back_never_guessed(answerer):
    matcher = Matcher([_indicator("a", "工业投资额"), _indicator("b", "工业投入额")], [], {})  # made up
    result = matcher.match(parse_question("工投额", answerer.today()))
    assert result.decision == Decision.CLARIFY
    assert {c.indicator.id for c in result.candidates} == {"a", "b"}


@pytest.mark.parametrize("question,indicator_id", [
    ("工增目标", "industrial_value_added"),
    ("工投多少亿", "industrial_investment"),
    ("生服业", "producer_services_value_added"),
    ("生服业增加值多少", "producer_services_value_added"),
    ("新增高企多少家", "new_high_tech_enterprises"),
    ("单冠", "single_champion_firms"),
    ("工投总额", "industrial_investment"),
    ("工投力争多少", "industrial_investment"),  # the words of asking after the form
    ("单冠新增几家", "single_champion_firms"),
])
def test_a_short_form_is_answered(answerer, question, indicator_id):
    reply = answerer.answer(question)
    assert reply.decision == Decision.ANSWER
    assert [a.indicator.id for a in reply.answers] == [indicator_id]


@pytest.mark.parametrize("question", ["工头", "生父", "工作", "高兴", "生日", "工投资金申请", "生服务"])
def test_a_short_form_is_never_met_by_sound_or_near_miss(answerer, question):
    # 工头 sounds like 工投, 生父 like 生服: a short form is a convention, only its own spelling counts
    assert answerer.answer(question).decision == Decision.DECLINE


def test_names_and_aliases_are_matched_as_without_short_forms(answerer, store):
    matcher = answerer.matcher
    without = replace_short_forms(matcher)
    today = answerer.today()
    texts = [i.name for i in store.indicators()] + [alias for _, alias in store.aliases()]
    for text in texts:
        question = parse_question(text, today)
        assert matcher.match(question) == without.match(question), text


def replace_short_forms(matcher: Matcher) -> Matcher:
    """The same matcher with no short forms (a shallow copy: the index is shared, read-only)."""
    copy = Matcher.__new__(Matcher)
    copy.__dict__.update(matcher.__dict__, short_forms={})
    return copy
