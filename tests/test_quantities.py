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
        ("1万600件", 10600, "件", "exact"),
        ("2万3千件", 23000, "件", "exact"),
        ("3亿5千万元", 350000000, "元", "exact"),
        ("一点五万余人", 15000, "人", "more_than"),
        ("两千余件", 2000, "件", "more_than"),
        ("2,000件", 2000, "件", "exact"),
        ("不足10件", 10, "件", "less_than"),
        ("不到1.9万条", 19000, "条", "less_than"),
        ("低于5%", 5, "%", "less_than"),
        ("10件以下", 10, "件", "less_than"),
        ("95%以上", 95, "%", "more_than"),
        ("百分之百", 100, "%", "exact"),
        ("一万四千余件", 14000, "件", "more_than"),
        ("1580多万件", 15800000, "件", "more_than"),
        ("一千二百件", 1200, "件", "exact"),
        ("将近3000人", 3000, "人", "nearly"),
        ("大约20场", 20, "场", "about"),
        ("3-3次", 3, "次", "exact"),
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


@pytest.mark.parametrize("text", ["1万-5万元", "10-20件", "3至5次", "20～30人"])
def test_a_range_that_does_not_collapse_states_no_figure(text):
    assert find_quantities(text) == []


def test_normalised_pages_give_the_right_numbers():
    from transforms.normalize import normalize_text
    from transforms.simplified import simplified

    text = simplified(normalize_text("全國收案２，０００件，共有4 598個，兩千餘件，調(diào)解１２件"))
    assert [q.value for q in find_quantities(text)] == [2000, 4598, 2000, 12]


@given(st.text(alphabet="０９Ａｚ％．\u3000\u00a0\ufeff\u200b0a%. 中，", max_size=40) | st.text(max_size=40))
def test_wide_characters_become_what_their_table_says(text):
    """Only the characters that change are visited: the same text as translating every character."""
    from transforms.normalize import FULL_WIDTH, narrowed

    assert narrowed(text) == text.translate(str.maketrans(FULL_WIDTH))


def render(number: int, form: str) -> str:
    """`number` written the way reports write it."""
    if form == "arabic":
        return str(number)
    if form == "commas":
        return f"{number:,}"
    if form == "chinese":
        return cn2an.an2cn(number)
    if form == "wan":  # 1万600, 2万3千 style: 万 then the rest in Arabic
        high, low = divmod(number, 10_000)
        return f"{high}万{low}" if high and low else f"{high}万" if high else str(low)
    high, low = divmod(number, 10_000)  # mixed: Arabic 万 and Chinese 千
    thousands, rest = divmod(low, 1000)
    if not high or not thousands or rest:
        return f"{number:,}"
    return f"{high}万{cn2an.an2cn(thousands)}千"


@given(
    st.integers(min_value=1, max_value=99_999_999),
    st.sampled_from(["arabic", "commas", "chinese", "wan", "mixed"]),
    st.sampled_from(
        [
            ("", "", "exact"),
            ("约", "", "about"),
            ("", "余", "more_than"),
            ("不足", "", "less_than"),
            ("近", "", "nearly"),
            ("", "以上", "more_than_tail"),
        ]
    ),
    st.sampled_from(["件", "人次", "条"]),
)
def test_parse_of_render_is_the_number(number, form, qualifier, unit):
    lead, more, expected = qualifier
    tail = ""
    if expected == "more_than_tail":
        more, tail, expected = "", "以上", "more_than"
    written = f"{lead}{render(number, form)}{more}{unit}{tail}"
    quantity = parse_quantity(written)
    if form == "chinese" and expected == "exact" and not set(written) & set("百千万亿"):
        assert quantity is None, written  # a bare Chinese numeral (一件, 二十件) is no quantity
        return
    assert quantity is not None, written
    assert (quantity.value, quantity.unit, quantity.qualifier) == (number, unit, expected), written


# Characters quantities are made of, their neighbours in reports, and a few others.
QUANTITY_ALPHABET = (
    "0123456789０１,.-~至到零〇一二两三四五六七八九十点百千万亿分之余多"
    "近约超逾过不足到低于少高达将大左右以上下内件起次人元个项%场 　，。受理案件共计"
)


@given(st.text(alphabet=QUANTITY_ALPHABET, max_size=60))
def test_quantity_matches_are_the_patterns_own(text):
    """Trying the pattern only where a quantity can begin finds what finditer finds."""
    from transforms.quantities import QUANTITY, quantity_matches

    assert [m.span() for m in quantity_matches(text)] == [m.span() for m in QUANTITY.finditer(text)]
    assert [m.groupdict() for m in quantity_matches(text)] == [m.groupdict() for m in QUANTITY.finditer(text)]
