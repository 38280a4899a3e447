"""A place written one character off by sound is that place (knowledge/places.place_by_sound)."""

import pytest

from knowledge.folding import build_fold_table
from knowledge.places import TOWNS, place_by_sound

FOLDS = build_fold_table(["工业投资", "高新技术企业", *TOWNS])


@pytest.mark.parametrize("text,found", [
    ("苏洲工业投资目标", ("苏洲", "苏州")),
    ("昆杉高企多少", ("昆杉", "昆山")),
    ("苏州工业投资", None),  # written right: read by the place reader
    ("工业投资目标", None),
    ("宿州工业投资", None),  # a city of its own that sounds like 苏州 is that city, not a typo
])
def test_a_place_one_character_off_by_sound(text, found):
    assert place_by_sound(text, FOLDS) == found
