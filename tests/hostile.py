"""Hostile and unlucky files, made by the tests: broken or booby-trapped DOCX and PDF files, odd
encodings, outlines and lists that once crashed the parser. Each is (file name, bytes, the stage
its error row must have, or None when it must load as a report)."""

import io
import zipfile

REPORT = (
    "某县人民政府关于2023年法治政府建设情况的报告\n"
    "一、主要工作\n全年受理行政复议案件12件,审结10件。\n"
    "1、健全制度\n(一)加强领导\n2023年,我县深入推进依法行政,行政机关负责人出庭应诉率达100%。\n"
    "二、存在的不足\n法治意识有待提高。\n三、2024年工作安排\n继续推进法治政府建设。\n"
)
DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body>{body}</w:body></w:document>"
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
    '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
    'document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="{target}"/></Relationships>'
)


def docx(document: str, target: str = "word/document.xml", compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS.format(target=target))
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def paragraphs(text: str) -> str:
    return "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.splitlines())


def broken_deflate() -> bytes:
    raw = bytearray(docx(DOCUMENT_XML.format(body=paragraphs(REPORT * 20))))
    at = raw.find(b"word/document.xml") + 40
    raw[at : at + 30] = b"\xff" * 30
    return bytes(raw)


XXE = (
    '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
)
SELF_REFERENCING_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 1 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"
UNKNOWN_FILTER_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/Contents 4 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"4 0 obj<</Length 10/Filter/NoSuchDecode>>stream\n0123456789\nendstream endobj\n"
    b"trailer<</Root 1 0 R/Size 5>>\n%%EOF"
)


def encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret", algorithm="RC4-128")  # AES needs cryptography to write; refused alike
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def hostile_files() -> list[tuple[str, bytes, str | None]]:
    stray = bytearray(REPORT.encode("utf-8"))
    stray[40] = 0xFF
    mixed_list = REPORT + "受理、审结、办结分别为、。\n分别为12件、10件\n调解组织分别为\n"
    return [
        ("report.txt", REPORT.encode("utf-8"), None),
        ("malformed.docx", docx(DOCUMENT_XML.format(body="<w:p><w:r><w:t>未闭合")), "read"),
        ("xxe.docx", docx(XXE), "read"),
        ("laughs.docx", docx(LAUGHS), "read"),
        ("bomb.docx", docx(DOCUMENT_XML.format(body=paragraphs("法" * 200)) + " " * 60_000_000), "read"),
        ("deflate.docx", broken_deflate(), "read"),
        (
            "relationships.docx",
            docx(DOCUMENT_XML.format(body=paragraphs(REPORT)), target="nowhere.xml"),
            "read",
        ),
        ("selfref.pdf", SELF_REFERENCING_PDF, "read"),
        ("filter.pdf", UNKNOWN_FILTER_PDF, "read"),
        ("encrypted.pdf", encrypted_pdf(), "read"),
        ("nested.html", b"<html><body>" + b"<div>" * 100_000 + "法治".encode() + b"</div>" * 100_000, "read"),
        ("stray-byte.txt", bytes(stray), None),
        ("utf16.txt", REPORT.encode("utf-16-le"), None),
        ("utf32.txt", REPORT.encode("utf-32-be"), None),
        ("mixed.txt", REPORT.encode("utf-8") + "再附一段说明文字。".encode("gbk") + REPORT.encode(), None),
        ("respectively.txt", mixed_list.encode("utf-8"), None),
        ("mixed-outline.txt", (REPORT + "1、再一项\n(一)再一小项\n一、其他\n1、项目\n").encode(), None),
        ("binary.txt", bytes(range(256)) * 64, "read"),
        ("empty.txt", b"", "read"),
    ]


GBK_NAME = "法治政府建设报告".encode("gbk") + b".txt"
