"""English and pinyin in a question read as Chinese (knowledge/latin.py), before the question is parsed.

The table reads against a small vocabulary written here (indicator names and aliases as the matcher
holds them); the last tests go through the Answerer on the seeded knowledge base.
"""

import pytest

from knowledge.latin import to_chinese
from knowledge.render import render_reply
from knowledge.replies import Context

VOCABULARY = ["新增国家制造业单项冠军企业", "小巨人", "新增卓越级智能工厂", "高新技术产业产值", "工业投资总额", "工业投资", "全市智算规模", "智算规模", "两化融合达成度", "规上工业总产值",
              "千亿产业", "工业营收", "瞪羚", "高企", "行业大模型", "研发投入", "gdp", "a股上市公司", "ai赋能中心",
              "新增领航级智能工厂", "研发机构建有率"]


@pytest.mark.parametrize("text,expected", [
    # places in pinyin are places
    ("Kunshan 工业投资多少", "昆山工业投资多少"),
    ("Wuxi gongye touzi mubiao duoshao", "无锡工业投资目标多少"),
    ("Shenzhen 2013 nian guishang gongye zongchanzhi", "深圳2013年规上工业总产值"),
    ("Xi'an gongye yingshou", "西安工业营收"),
    ("ＫＵＮＳＨＡＮ工业投资", "昆山工业投资"),  # full-width and upper case
    ("@Wuxi_targets_bot Kunshan 工业投资", "@Wuxi_targets_bot昆山工业投资"),  # the bot's name is no place
    # indicator names in pinyin, spaced or not, every reading of a character (行业 hangye)
    ("Suzhou zhisuan guimo mubiao", "苏州智算规模目标"),
    ("xi'an gongye touzi", "西安工业投资"),
    ("lianghua ronghe dachengdu", "两化融合达成度"),
    ("lianghuarongheDACHENGDU", "两化融合达成度"),
    ("Shanghai qianyi chanye you jige", "上海千亿产业有几个"),
    ("Suzhou zai Jiangsu pai diji", "苏州在江苏排第几"),  # a rank's scope in pinyin
    ("hangye damoxing", "行业大模型"),
    ("jinnian dengling xinzeng duoshao", "今年瞪羚新增多少"),
    ("zhineng gongchang mubiao", "智能工厂目标"),  # a part of a name
    ("yanfa jigou jianyoulv", "研发机构建有率"),  # ü typed as v
    ("yanfa jigou jianyoulu", "研发机构建有率"),
    ("ni hao", "ni hao"),  # pinyin chatter names nothing
    ("Suzhou fangjia duoshao", "Suzhou fangjia duoshao"),
    # English terms, plurals, hyphens, phrases before words
    ("high-tech enterprises 新增多少", "高新技术企业新增多少"),
    ("AI model 目标多少", "大模型目标多少"),
    ("AI model 怎么用", "大模型怎么用"),  # the space only set the English apart: read as the Chinese would be
    ("R&D投入占GDP比重target多少", "研发投入占GDP比重目标多少"),
    ("unicorn培育企业入库目标", "独角兽培育企业入库目标"),
    ("manufacturing loan新增余额目标", "制造业贷款新增余额目标"),
    ("industrial dataset建设目标", "工业数据集建设目标"),
    ("excellent smart factories 新增多少", "卓越级智能工厂新增多少"),
    ("What is the target of high-tech enterprises?", "目标高新技术企业?"),
    ("Suzhou Industrial Park R&D intensity", "苏州工业园区研发强度"),
    ("Hong Kong GDP", "香港gdp"),
    ("R&D target 4.25% right?", "研发目标4.25%对吧?"),  # a yes/no check in English
    ("what about Kunshan", "那昆山"),  # a follow-up
    ("What's Kunshan's industrial investment target?", "昆山工业投资目标?"),  # possessives
    ("A-share listed companies", "a股上市公司"),
    # units and abbreviations stay as written, never pinyin
    ("智算规模多少PFLOPS", "智算规模多少PFLOPS"),
    ("AI应用赋能中心 target", "AI应用赋能中心目标"),
    ("A股上市公司几家", "A股上市公司几家"),
    ("Suzhou GDP paiming", "苏州gdp排名"),
    # beside Chinese, English question words are read but pinyin words alone are not
    ("see you 明天", "see you 明天"),
    # chatter stays chatter: nothing named, or a word that cannot be read
    ("ok thanks", "ok thanks"),
    ("hello everyone", "hello everyone"),
    ("lol", "lol"),
    ("see you tomorrow", "see you tomorrow"),
    ("see you in Suzhou", "see you in Suzhou"),
    ("excellent work everyone", "excellent work everyone"),
    ("talent show", "talent show"),
    ("haha", "haha"),
    # an everyday word written into a name is the word of the name; beside other Chinese it stays
    ("单项champion", "单项冠军"),
    ("单项 champion新增几家", "单项冠军新增几家"),
    ("小giant新增多少", "小巨人新增多少"),
    ("excellent级智能工厂", "卓越级智能工厂"),
    ("pilot级智能工厂目标", "领航级智能工厂目标"),
    ("high-tech产值比重", "高新技术产值比重"),  # a word of a phrase is read with the phrase
    ("工业invest目标", "工业投资目标"),
    ("上海giant", "上海giant"),
    ("champion league几点开始", "champion league几点开始"),
    ("you", "you"),
    ("工业投资多少", "工业投资多少"),
    ("", ""),
    ("gongye touzi " * 30, "gongye touzi " * 30),  # too long to be a question: declined as it is
])
def test_latin_words_are_read_as_chinese(text, expected):
    assert to_chinese(text, VOCABULARY) == expected


@pytest.mark.parametrize("question,place", [
    ("Kunshan 工业投资多少", "昆山"),
    ("Wuxi R&D 投入目标多少", "无锡"),
    ("Nanjing zhisuan guimo", "南京"),
    ("Changshu dengling qiye duoshao jia", "常熟"),
])
def test_a_place_in_pinyin_never_gets_suzhous_figure(answerer, question, place):
    reply = answerer.answer(question)
    text = render_reply(reply)
    assert reply.decision == "decline" and f"暂无{place}" in text
    assert "2500" not in text and "4.25" not in text and "34000" not in text


def test_a_place_in_pinyin_gets_its_own_figure(answerer):
    text = render_reply(answerer.answer("Shenzhen 2013 nian guishang gongye zongchanzhi"))
    assert "深圳" in text and "2.3万亿" in text


def test_a_follow_up_may_name_its_place_in_pinyin(answerer):
    reply = answerer.answer("Shanghai ne", context=Context(("billion_yuan_industries",)))
    assert "上海" in render_reply(reply) and "13个" in render_reply(reply)
    reply = answerer.answer("what about Shanghai", context=Context(("billion_yuan_industries",)))
    assert "上海" in render_reply(reply) and "13个" in render_reply(reply)
    reply = answerer.answer("那Kunshan呢", context=Context(("industrial_investment",)))
    assert reply.decision == "decline" and "暂无昆山" in render_reply(reply)


@pytest.mark.parametrize("question,figure", [("单项champion", "10家"), ("小giant新增多少", "180家"),
                                             ("excellent级智能工厂", "5个")])
def test_an_everyday_word_written_into_a_name_answers_it(answerer, question, figure):
    assert figure in render_reply(answerer.answer(question))
