"""Traditional characters read as simplified, one for one: offsets into the stored text hold."""

import opencc
from hypothesis import given
from hypothesis import strategies as st

from transforms.simplified import HAN_END, HAN_START, simplified, traditional


def test_the_table_is_opencc_character_by_character():
    """Converted in one call, a line each: the same as a call per character (no phrase reading)."""
    converter = opencc.OpenCC("t2s")
    one_by_one = {}
    for code in range(HAN_START, HAN_END + 1):
        converted = converter.convert(chr(code))
        if len(converted) == 1 and converted != chr(code):
            one_by_one[code] = converted
    table, _ = traditional()
    assert table == one_by_one
    assert table[ord("國")] == "国"
    assert ord("国") not in table


def test_a_text_is_simplified_in_place_or_returned_as_it_is():
    text = "全國新收行政復議案件74.96萬件"
    assert simplified(text) == "全国新收行政复议案件74.96万件"
    plain = "全国新收行政复议案件74.96万件"
    assert simplified(plain) is plain


@given(st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0xA000), max_size=40))
def test_simplified_keeps_the_length_and_each_character_maps_alone(text):
    result = simplified(text)
    assert len(result) == len(text)
    assert all(simplified(a) == b for a, b in zip(text, result, strict=True))
