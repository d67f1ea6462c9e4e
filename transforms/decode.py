"""Bytes to text for Chinese government pages.

Declared GB2312/GBK is read as GB18030, its superset: read as GB2312, "—" (A1AA) becomes "―" and
rarer characters become U+FFFD. UTF-8 is tried before any declaration because a page that is valid
UTF-8 almost never is anything else, while a lying <meta charset> is common. The statistical
detector runs only on whole documents; on short snippets it guesses UTF-16.

Like a browser, a stray invalid byte does not make a page unreadable: a text that is UTF-8 (or
GB18030) but for a few bytes is decoded with those bytes replaced by U+FFFD, which the quality
flags report as damaged_text. UTF-16 and UTF-32 without a BOM are recognised by where their NUL
bytes fall; only bytes that are none of these are refused as binary.
"""

import codecs
import re

import charset_normalizer

GB_FAMILY = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn", "hz-gb-2312", "gb18030"}
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# At most this share of a text's characters may be replacements before it counts as not text.
STRAY_SHARE = 0.01
NUL_SAMPLE = 4096
WIDE_ENCODINGS = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")
PLAUSIBLE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\x20-\x7e\s\u2010-\u201f]")
PLAUSIBLE_SHARE = 0.9
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


class NotText(ValueError):
    """The bytes are not a text document (binary data, or no encoding decodes them)."""


def canonical_encoding(name: str) -> str:
    name = name.strip().lower()
    return "gb18030" if name in GB_FAMILY else name


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if any."""
    match = META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii") if match else None


def decode_bytes(raw: bytes, declared: str | None = None) -> str:
    """Decode a whole document, trying BOM, UTF-16/32 by their NULs, UTF-8, the declared charset,
    detection, then UTF-8 or GB18030 with stray bytes replaced."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    if b"\x00" in raw[:NUL_SAMPLE]:
        wide = wide_encoding(raw[:NUL_SAMPLE])
        if wide is None:
            raise NotText("binary content (NUL bytes)")
        return raw.decode(wide, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for candidate in (declared, detected_encoding(raw)):
        if candidate:
            try:
                return raw.decode(canonical_encoding(candidate))
            except (UnicodeDecodeError, LookupError):
                continue
    return least_damaged(raw)


def wide_encoding(sample: bytes) -> str | None:
    """UTF-32 or UTF-16 (either byte order) that reads the sample as plausible text — Chinese,
    ASCII, punctuation; None when none does (binary data)."""
    sample = sample[: len(sample) - len(sample) % 4]
    best, best_share = None, PLAUSIBLE_SHARE
    for encoding in WIDE_ENCODINGS:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = len(PLAUSIBLE.findall(text)) / max(len(text), 1)
        if share > best_share:
            best, best_share = encoding, share
    return best


def gb18030_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decoding UTF-8, read a byte pair that is not UTF-8 as GB18030 (pages pasted together from
    a UTF-8 and a GBK source); a byte that is neither becomes U+FFFD."""
    assert isinstance(error, UnicodeDecodeError)
    pair = error.object[error.start : error.start + 2]
    try:
        return pair.decode("gb18030"), error.start + 2
    except UnicodeDecodeError:
        return "\ufffd", error.start + 1


codecs.register_error("fazhi_gb18030_fallback", gb18030_fallback)


def least_damaged(raw: bytes) -> str:
    """UTF-8 (GB18030 where a pair is not UTF-8) or GB18030, whichever replaces fewer bytes;
    refused as not text when even that one loses more than STRAY_SHARE of the text."""
    readings = [raw.decode("utf-8", errors="fazhi_gb18030_fallback"), raw.decode("gb18030", errors="replace")]
    best = min(readings, key=lambda text: text.count("\ufffd"))
    if best.count("\ufffd") > STRAY_SHARE * max(len(best), 1):
        raise NotText("not text in any encoding tried (UTF-8, GB18030, UTF-16, UTF-32)")
    return best


def detected_encoding(raw: bytes) -> str | None:
    best = charset_normalizer.from_bytes(raw).best()
    return best.encoding if best else None
