"""Traditional characters read as simplified, character for character, so that one set of rules
reads 全國新收行政復議案件74.96萬件 as it reads 全国新收行政复议案件74.96万件.

The conversion is OpenCC's (t2s), applied to single characters only: the result has exactly the
length of the input, so every offset found in it indexes the stored text too, and evidence is
always quoted from the text as published. (Phrase-level conversions, which OpenCC also knows,
would change lengths; the few characters whose simplified form depends on the phrase keep their
most common reading, which is all that matching needs.)
"""

from functools import cache

import opencc

HAN_START, HAN_END = 0x3400, 0x9FFF


@cache
def converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def simplified_char(character: str) -> str:
    converted = converter().convert(character)
    return converted if len(converted) == 1 else character


def simplified(text: str) -> str:
    """The text with every traditional character replaced by its simplified form; same length."""
    table = {ord(c): simplified_char(c) for c in set(text) if HAN_START <= ord(c) <= HAN_END}
    return text.translate({k: v for k, v in table.items() if v != chr(k)})
