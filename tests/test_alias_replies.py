"""The wording of an /alias refusal: an alias already taken is named once, not "“高企”等同于“高企”"."""

import pytest

from knowledge.edits import EditError, plan_alias


@pytest.mark.parametrize("alias,indicator,expected", [
    ("高企", "工业投资总额", "“高企”已指向“新增高新技术企业”，不能再指向“工业投资总额”。"),
    ("高企", "新增高新技术企业", "“高企”已指向“新增高新技术企业”，无需再加。"),
    # written differently, the same word to the matcher: both forms are named
    ("高企目标", "工业投资总额", "“高企目标”在匹配时等同于“高企”，已指向“新增高新技术企业”，不能再指向“工业投资总额”。"),
])
def test_an_alias_already_taken_is_named_once(answerer, alias, indicator, expected):
    with pytest.raises(EditError) as refused:
        plan_alias(answerer, alias, indicator)
    assert str(refused.value) == expected
