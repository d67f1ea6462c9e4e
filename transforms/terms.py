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
# What a token is: left out (punctuation), searchable (a posting), or searchable and a term.
LEFT_OUT, SEARCHABLE, TERM = 0, 1, 2
KNOWN_TOKENS_MAX = 1 << 20


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


class TokenKinds(dict[str, int]):
    """Each token's kind, decided the first time a process meets it: a report has some 700
    distinct tokens, nearly all met in earlier reports, and testing each with the patterns was
    half the time of counting a report's tokens (0.62 -> 0.30 ms a report). Forgotten all at
    once past KNOWN_TOKENS_MAX tokens, so that a worker's memory stays bounded."""

    def __missing__(self, token: str) -> int:
        if len(self) >= KNOWN_TOKENS_MAX:
            self.clear()
        self[token] = kind = token_kind(token)
        return kind


def token_kind(token: str) -> int:
    """Searchable: a letter, digit or Han character. A term: Han words of two characters or
    more (or two joined by +), no stop word."""
    if not WORD.search(token):
        return LEFT_OUT
    return TERM if HAN_TERM.match(token) and token not in stopwords() else SEARCHABLE


@cache
def token_kinds() -> TokenKinds:
    return TokenKinds()


def counted_tokens(tokens: Iterable[str]) -> tuple[dict[str, int], dict[str, int]]:
    """(occurrences of every searchable token, the full-text index; of the terms among them),
    counted first and told apart after, so that each distinct token is looked at once."""
    kinds = token_kinds()
    searchable: dict[str, int] = {}
    terms: dict[str, int] = {}
    for token, count in Counter(tokens).items():
        kind = kinds[token]
        if kind != LEFT_OUT:
            searchable[token] = count
            if kind == TERM:
                terms[token] = count
    return searchable, terms
