"""The main text of a government web page.

Government CMSs put the report in a few well-known containers (TRS_Editor, #zoom, UCAP-CONTENT…);
when none is there, the element with the most Chinese text in its own paragraphs wins. Page
metadata that the report needs (title line, 发布时间) sits outside the container, so the lines just
above it are kept as the page header: the chrome filter removes what is not wanted.
"""

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

CONTENT_SELECTORS = (
    ".TRS_Editor",
    "#UCAP-CONTENT",
    "#zoom",
    "#Zoom",
    ".zoom",
    ".bt_content",
    ".article-content",
    ".article_content",
    "#content",
    ".content",
    ".pages_content",
    ".view",
    "article",
)
DROP_TAGS = ("script", "style", "noscript", "iframe", "svg", "form", "button", "select")
HEADER_SELECTORS = ("h1", "h2", ".title", ".article-title", "#title")
HAN = re.compile(r"[\u4e00-\u9fff]")
BLOCK_TAGS = "p, div, br, li, tr, h1, h2, h3, h4, h5, h6, table, section"
MIN_CONTENT_HAN = 200


def html_to_text(html: str) -> str:
    """Header lines (title, publish date) followed by the main content, as plain lines."""
    tree = LexborHTMLParser(html)
    tree.strip_tags(list(DROP_TAGS))
    body = content_node(tree)
    if body is None:
        return node_text(tree.body) if tree.body is not None else ""
    return "\n".join(filter(None, [header_text(tree, body), node_text(body)]))


def content_node(tree: LexborHTMLParser) -> LexborNode | None:
    for selector in CONTENT_SELECTORS:
        for node in tree.css(selector):
            if han_count(node.text(separator="\n")) >= MIN_CONTENT_HAN:
                return node
    return densest_node(tree)


def densest_node(tree: LexborHTMLParser) -> LexborNode | None:
    """The div/td/section whose text outside links holds the most Chinese characters."""
    best, best_score = None, 0
    for node in tree.css("div, td, section, article"):
        linked = sum(han_count(a.text()) for a in node.css("a"))
        score = han_count(node.text(separator="\n")) - 2 * linked
        if score >= best_score:  # document order: on a tie the deeper node wins
            best, best_score = node, score
    return best


def header_text(tree: LexborHTMLParser, body: LexborNode) -> str:
    lines: list[str] = []
    for selector in HEADER_SELECTORS:
        for node in tree.css(selector):
            text = node.text(separator=" ").strip()
            if text and text not in lines and han_count(text) >= 4:
                lines.append(text)
    lines.extend(meta_lines(tree))
    return "\n".join(lines)


def meta_lines(tree: LexborHTMLParser) -> list[str]:
    """Short lines of the page that carry publish dates, sources or document numbers."""
    wanted = re.compile(r"(发布时间|发布日期|信息时间|成文日期|时间|日期|文号|索引号|来源)\s*[:：]")
    found: list[str] = []
    for node in tree.css("span, p, td, div, li"):
        text = node.text(separator=" ").strip()
        if len(text) <= 80 and wanted.search(text) and text not in found:
            found.append(text)
    return found[:6]


def node_text(node: LexborNode) -> str:
    """Text with a line break after each block element and <br>, none inside inline ones."""
    for block in node.css(BLOCK_TAGS):
        block.insert_after("\n")
    text = node.text(separator="")
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def han_count(text: str) -> int:
    return len(HAN.findall(text))
