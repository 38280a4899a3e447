from decimal import Decimal

import pytest

from knowledge.errors import QuantityError
from knowledge.quantities import format_quantity, parse_quantity, to_base


@pytest.mark.parametrize(
    "text,unit,value,written,qualifier",
    [
        ("1.2万亿元以上", "元", "1.2", "万亿元", "…以上"),
        ("2,500亿元", "元", "2500", "亿元", ""),
        ("1980亿", "元", "1980", "亿元", ""),
        ("57%", "%", "57", "%", ""),
        ("４.２５％", "%", "4.25", "%", ""),
        ("超4.25%", "%", "4.25", "%", "超…"),
        ("34000PFLOPS", "PFLOPS", "34000", "PFLOPS", ""),
        ("1.8万亩", "亩", "1.8", "万亩", ""),
        ("突破440万人", "人", "440", "万人", "突破…"),
        ("一百八十家", "家", "180", "家", ""),
        ("两千五百亿", "元", "2500", "亿元", ""),
        ("十", "个", "10", "个", ""),
        ("三点五", "%", "3.5", "%", ""),
        ("力争1000亿元以上", "元", "1000", "亿元", "力争…以上"),
        ("1.2万", "个", "12000", "个", ""),
    ],
)
def test_parse_quantity(text, unit, value, written, qualifier):
    import unicodedata

    quantity = parse_quantity(unicodedata.normalize("NFKC", text), unit)
    assert quantity.value == Decimal(value)
    assert quantity.unit == written
    assert quantity.qualifier == qualifier


@pytest.mark.parametrize(
    "text,unit",
    [("57%", "元"), ("1000亿", "%"), ("abc", "元"), ("", "个"), ("1,00亿", "元"), ("12..5", "%"),
     ("一五", "个"), ("34000亩", "PFLOPS"), ("5万亿元", "家")],
)
def test_parse_quantity_refuses_with_a_reason(text, unit):
    with pytest.raises(QuantityError) as error:
        parse_quantity(text, unit)
    assert str(error.value)  # a Chinese reason the bot can show


@pytest.mark.parametrize(
    "value,unit,qualifier,text",
    [
        (40, "%", "保持…以上", "保持40%以上"),
        (5, "万亿元", "超…", "超5万亿元"),
        (1.2, "万亿元", "…以上", "1.2万亿元以上"),
        (4.890, "万亿元", "预计…", "预计4.89万亿元"),
        (34000.0, "PFLOPS", "", "34000PFLOPS"),
        (2673.56, "亿元", "", "2673.56亿元"),
        (None, "", "保持前列", "保持前列"),
    ],
)
def test_format_quantity(value, unit, qualifier, text):
    assert format_quantity(value, unit, qualifier) == text


def test_round_trip_keeps_the_written_form():
    for text, unit in [("1.2万亿元以上", "元"), ("力争2500亿元", "元"), ("超4.25%", "%"), ("1.8万亩", "亩")]:
        assert str(parse_quantity(text, unit)) == text


def test_to_base_converts_magnitudes():
    assert to_base(4.7, "万亿元") == Decimal("4.7E12")
    assert to_base(2673.56, "亿元") == Decimal("267356000000.00")
    assert to_base(1.8, "万亩") == Decimal("18000.0")
