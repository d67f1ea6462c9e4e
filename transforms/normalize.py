"""One normalised text per report: what the warehouse stores and what every offset indexes.

Full-width digits, Latin letters, % and the decimal point become ASCII so that one pattern finds
"２３６项" and "236项"; spaces between a number and its unit ("236 项", "100 %") are
removed so the quantity stays one token. Punctuation is otherwise kept as published.
"""

import re

FULL_WIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # ０-９
FULL_WIDTH |= {chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)}  # Ａ-Ｚ
FULL_WIDTH |= {chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)}  # ａ-ｚ
FULL_WIDTH |= {"％": "%", "．": ".", "\u3000": " ", "\u00a0": " ", "\ufeff": "", "\u200b": ""}
TRANSLATION = str.maketrans(FULL_WIDTH)

SPACED_NUMBER = re.compile(r"(?<=\d)[ \t]+(?=%)|(?<=\d)[ \t]+(?=[万亿千百余多]?[\u4e00-\u9fff%])")
SPACE_BEFORE_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])[ \t]+(?=\d)")
TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """Unify widths, line ends and spacing; the result is the report's stored text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(TRANSLATION)
    text = SPACED_NUMBER.sub("", text)
    text = SPACE_BEFORE_NUMBER.sub("", text)
    text = TRAILING_SPACE.sub("", text)
    return BLANK_RUNS.sub("\n\n", text).strip()
