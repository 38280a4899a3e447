"""What a new alias may be: the same rules for /alias and for an alias row in an imported file.

An alias is compared with every indicator name and alias through the matcher's own normalisation
(`normalize` then `core_of`, as Matcher and Answerer.reload apply them), so two texts that the matcher
would treat as one word ("研发投入目标" and "研发投入") are one word here too. Refused:
- an alias that normalises to nothing ("目标", "多少", "👍"): the matcher would never see it;
- common chatter ("好的", "收到", "哈哈哈", "ok"): in a group in /mode all the bot would answer small talk;
- an alias that the matcher cannot tell from another indicator's name or alias: it would hijack it;
- an alias holding a place (无锡投资, 深圳) or that is only a period, a number, a growth or a scope word
  (10月, 2026年, 增速, 增长, 全省): a question reads those as its city, period or growth
  (questions.parse_question), so the alias would never be matched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from knowledge.errors import quoted
from knowledge.models import Indicator
from knowledge.places import RANK_SCOPES
from knowledge.questions import core_of, normalize, parse_question

MAX_ALIAS_CHARS = 30
# Replies people type in groups. Compared after normalisation, so 好的/好吧/好 and 收到了/收到 are one entry.
CHATTER = (
    "好的", "好", "好吧", "好滴", "好哒", "好嘞", "收到", "谢谢", "多谢", "感谢", "谢了", "辛苦了", "哈哈", "呵呵",
    "嘿嘿", "嗯", "哦", "噢", "行", "可以", "对", "没问题", "明白", "知道了", "了解", "同意", "赞", "点赞", "在吗",
    "你好", "您好", "大家好", "早", "早上好", "晚安", "再见", "拜拜", "ok", "okay", "hi", "hello", "thanks", "thx",
    "yes", "no", "666", "1", "+1",
)
# A one-character alias made of one of these would match half the messages in a group.
COMMON_CHARACTERS = frozenset("好的了是在有不我你他她它这那个一嗯哦啊吧呢吗对行来去说看要会能也就都和")


# Words a question keeps in its core yet that name no indicator: a scope, or a change of any figure.
NOT_INDICATORS = frozenset(RANK_SCOPES + ("全市", "本市", "增长", "增加", "下降", "减少"))


def alias_key(text: str) -> str:
    """The form the matcher compares: `core_of(normalize(text))` ('研发投入目标' → '研发投入')."""
    return core_of(normalize(text))


_CHATTER_KEYS = frozenset(alias_key(word) for word in CHATTER)


def known_keys(indicators: Iterable[Indicator], aliases: Iterable[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """{alias_key: (indicator id, the name or alias as written)} for every indicator name, then every alias."""
    known: dict[str, tuple[str, str]] = {}
    for indicator in indicators:
        known.setdefault(alias_key(indicator.name), (indicator.id, indicator.name))
    for indicator_id, alias in aliases:
        known.setdefault(alias_key(alias), (indicator_id, alias))
    return known


def is_chatter(key: str) -> bool:
    """True for a normalised text that is small talk: listed chatter, one repeated character (哈哈哈, 666),
    or a single common character or ASCII letter or digit."""
    if key in _CHATTER_KEYS:
        return True
    if len(set(key)) == 1 and len(key) > 1:
        return True
    return len(key) == 1 and (key in COMMON_CHARACTERS or key.isascii())


def _question_word_refusal(text: str, key: str) -> str | None:
    """Why a question would never match `text`: it names a place, read as the question's city, or it is
    only a period, number, growth or scope word (the date only fills a year the text does not name)."""
    question = parse_question(text, date.today())
    if question.cities:
        return (f"“{quoted(text)}”含有地方名“{'、'.join(question.cities)}”，提问时地方读作城市，这个别名不会被用上；"
                "请只写指标的叫法（城市在提问或 /set 时另写）。")
    if not question.core or key in NOT_INDICATORS:
        return f"“{quoted(text)}”只是期间、数字、增长或范围用语，提问时不会读作指标，不能作别名。"
    return None


def alias_refusal(alias: str, indicator: Indicator, known: Mapping[str, tuple[str, str]],
                  indicators: Mapping[str, Indicator]) -> str | None:
    """Why `alias` may not point to `indicator` (a Chinese sentence), or None when it may.

    `known` is `known_keys(...)` of the names and aliases already stored (and, in an import, those
    accepted from earlier rows); `indicators` maps ids to indicators, for naming the owner of a clash.
    """
    text = (alias or "").strip()
    if not text or len(text) > MAX_ALIAS_CHARS:
        return f"别名应为1到{MAX_ALIAS_CHARS}个字。"
    key = alias_key(text)
    if not key:
        return f"“{quoted(text)}”去掉“目标、进度、多少”等提问用语和标点后什么也不剩，机器人匹配时看不到它，不能作别名。"
    if is_chatter(key):
        return f"“{quoted(text)}”是常见的聊天用语，作别名会让机器人回应闲聊，不能使用。"
    if refusal := _question_word_refusal(text, key):
        return refusal
    owner = known.get(key)
    if owner is None:
        return None
    owner_id, written = owner
    # "等同于" only when the text differs from the name or alias it equals (not "“高企”等同于“高企”")
    same = f"“{quoted(text)}”在匹配时等同于“{quoted(written)}”，已" if written != text else f"“{quoted(text)}”已"
    if owner_id == indicator.id:
        return f"{same}指向“{indicator.name}”，无需再加。"
    other = indicators[owner_id].name if owner_id in indicators else owner_id
    return f"{same}指向“{other}”，不能再指向“{indicator.name}”。"
