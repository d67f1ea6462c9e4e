"""Segmentation with jieba's dictionary and behaviour, a domain dictionary, and term counts.

The domain dictionary (data/userdict.txt, jieba's own format) keeps the 纲要's terms whole. The
engine is rjieba (jieba-rs: jieba's dictionary and algorithm in Rust, about 25 times faster); its
output equals `jieba.Tokenizer.lcut(text, HMM=False)` with the same dictionary, which
tests/test_terms.py checks on the bundled reports. HMM is off because only then are the two
identical; domain terms come from the dictionary, not from HMM's guesses. (Plain jieba, the
reference, is imported by the tests and the benchmark only.) The dictionary is
loaded once per process. Injected spam is removed before counting.
"""

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources

import rjieba

WORD = re.compile(r"\w")
HAN_TERM = re.compile(r"^[\u4e00-\u9fff]{2,}$|^[\u4e00-\u9fff]+\+[\u4e00-\u9fff]+$")


def user_words() -> list[tuple[str, int, str | None]]:
    text = resources.files("transforms.data").joinpath("userdict.txt").read_text("utf-8")
    words: list[tuple[str, int, str | None]] = []
    for line in text.splitlines():
        parts = line.split()
        if parts:
            frequency = int(parts[1]) if len(parts) > 1 else 100
            words.append((parts[0], frequency, parts[2] if len(parts) > 2 else None))
    return words


@cache
def engine() -> rjieba.Jieba:
    segmenter = rjieba.Jieba()
    for word, frequency, tag in user_words():
        segmenter.add_word(word, frequency, tag)
    return segmenter


@cache
def variants() -> dict[str, str]:
    text = resources.files("transforms.data").joinpath("term_variants.toml").read_text("utf-8")
    return tomllib.loads(text)["variants"]


@cache
def stopwords() -> frozenset[str]:
    text = resources.files("transforms.data").joinpath("stopwords.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def canonical_spelling(text: str) -> str:
    for variant, canonical in variants().items():
        text = text.replace(variant, canonical)
    return text


def segment(text: str) -> list[str]:
    """Tokens as jieba gives them (HMM off), with the domain dictionary."""
    return engine().cut(canonical_spelling(text), False)


def without_spans(text: str, spans: list[str]) -> str:
    for span in spans:
        text = text.replace(span, " ")
    return text


def searchable_tokens(tokens: Iterable[str]) -> dict[str, int]:
    """Occurrences of every token with a letter, digit or Han character: the full-text index.
    Counted first and filtered after, so each distinct token is tested once."""
    return {t: n for t, n in Counter(tokens).items() if WORD.search(t)}


def counted_terms(searchable: dict[str, int]) -> dict[str, int]:
    """The searchable tokens that are terms: Han words of two characters or more, no stop word."""
    stop = stopwords()
    return {t: n for t, n in searchable.items() if HAN_TERM.match(t) and t not in stop}
