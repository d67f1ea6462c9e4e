"""Bytes to text for Chinese government pages.

Declared GB2312/GBK is read as GB18030, its superset: read as GB2312, "—" (A1AA) becomes "―" and
rarer characters become U+FFFD. UTF-8 is tried before any declaration because a page that is valid
UTF-8 almost never is anything else, while a lying <meta charset> is common. The statistical
detector runs only on whole documents; on short snippets it guesses UTF-16.
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
    """Decode a whole document, trying BOM, UTF-8, the declared charset, then detection."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding)
    if b"\x00" in raw[:8192]:
        raise NotText("binary content (NUL bytes)")
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
    return raw.decode("gb18030", errors="replace")


def detected_encoding(raw: bytes) -> str | None:
    best = charset_normalizer.from_bytes(raw).best()
    return best.encoding if best else None
