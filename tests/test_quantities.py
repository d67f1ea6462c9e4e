from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.quantities import find_quantities, parse_quantity


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("12.7万件", 127000, "件", "exact"),
        ("2.8万余件", 28000, "件", "more_than"),
        ("4.35亿元", 435000000, "元", "exact"),
        ("近百个", 100, "个", "nearly"),
        ("约7929条", 7929, "条", "about"),
        ("1,234件", 1234, "件", "exact"),
        ("三千余件", 3000, "件", "more_than"),
        ("百分之九十八", 98, "%", "exact"),
        ("98.68%", 98.68, "%", "exact"),
        ("5000多名", 5000, "名", "more_than"),
        ("超90%", 90, "%", "more_than"),
        ("12万余人次", 120000, "人次", "more_than"),
        ("1.2万余人", 12000, "人", "more_than"),
        ("120余万人", 1200000, "人", "more_than"),
        ("1826.97万元", 18269700, "元", "exact"),
        ("300人左右", 300, "人", "about"),
    ],
)
def test_parses_the_forms_reports_use(text, value, unit, qualifier):
    quantity = parse_quantity(text)
    assert quantity is not None
    assert (quantity.value, quantity.unit, quantity.qualifier) == (value, unit, qualifier)


@pytest.mark.parametrize("slogan", ["一件事一次办", "三项制度", "四张清单", "两个确立"])
def test_chinese_numerals_in_slogans_are_not_quantities(slogan):
    assert find_quantities(slogan) == []


def test_offsets_index_the_text():
    text = "全年调解案件2.8万余件,调处率达98.6%。"
    for quantity in find_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text


@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["件", "次", "人次", "名", "项"]))
def test_plain_integers_round_trip(number, unit):
    quantity = parse_quantity(f"{number}{unit}")
    assert (quantity.value, quantity.unit, quantity.qualifier) == (number, unit, "exact")


@given(
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1), st.sampled_from(["万", "亿"])
)
def test_magnitudes_fold_into_the_value(number, magnitude):
    quantity = parse_quantity(f"{number}{magnitude}余件")
    factor = 10_000 if magnitude == "万" else 100_000_000
    assert Decimal(str(quantity.value)) == number * factor
    assert quantity.qualifier == "more_than"


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_numerals_with_a_qualifier(number):
    words = cn2an.an2cn(number)
    quantity = parse_quantity(f"{words}余件")
    assert quantity is not None
    assert quantity.value == number
    assert quantity.qualifier == "more_than"


@given(st.integers(min_value=0, max_value=100), st.integers(min_value=0, max_value=99))
def test_rates_are_percent_numbers(whole, hundredths):
    text = f"{whole}.{hundredths:02d}%"
    assert parse_quantity(text).value == pytest.approx(whole + hundredths / 100)
