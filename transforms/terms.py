"""Segmentation with jieba and a domain dictionary; term counts per report.

The dictionary (data/userdict.txt, jieba's own format) keeps the 纲要's terms whole (行政复议,
双随机、一公开). It is loaded once per process into a private Tokenizer, so importing this module
changes nothing global. Injected spam is removed before counting: a defaced page's gambling words
are not the report's vocabulary.
"""

import re
from collections import Counter
from functools import cache
from importlib import resources

import jieba

HAN_TERM = re.compile(r"^[\u4e00-\u9fff、]{2,}$")


@cache
def tokenizer() -> jieba.Tokenizer:
    engine = jieba.Tokenizer()
    engine.initialize()
    with resources.as_file(resources.files("transforms.data").joinpath("userdict.txt")) as path:
        engine.load_userdict(str(path))
    return engine


@cache
def stopwords() -> frozenset[str]:
    text = resources.files("transforms.data").joinpath("stopwords.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def segment(text: str) -> list[str]:
    """jieba's tokens (HMM on, as `jieba.lcut`), with the domain dictionary."""
    return tokenizer().lcut(text)


def without_spans(text: str, spans: list[str]) -> str:
    for span in spans:
        text = text.replace(span, " ")
    return text


def term_counts(text: str, spam: list[str]) -> Counter[str]:
    """Counts of the Chinese terms of a report (two characters or more, no stop words)."""
    stop = stopwords()
    tokens = segment(without_spans(text, spam))
    return Counter(t for t in tokens if HAN_TERM.match(t) and t not in stop)
