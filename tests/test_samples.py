"""The RAW_REPORTS rows of an input folder: every file's hash is that of its bytes as they are
now, however recently it was written, and a file left as it was is not hashed twice."""

import hashlib

from transforms import samples
from transforms.samples import kept_digest, raw_report


def test_a_file_rewritten_with_the_same_size_is_hashed_again(tmp_path):
    path = tmp_path / "report.txt"
    for text in ("行政复议", "出庭应诉"):  # the same size and inode: only its times tell
        path.write_text(text, encoding="utf-8")
        assert raw_report(path)["sha256"] == hashlib.sha256(text.encode()).hexdigest()


def test_a_settled_file_is_hashed_once(tmp_path, monkeypatch):
    monkeypatch.setattr(samples, "SETTLED_SECONDS", 0.0)
    path = tmp_path / "report.txt"
    path.write_text("法治政府建设年度报告", encoding="utf-8")
    kept_digest.cache_clear()
    first, second = raw_report(path), raw_report(path)
    assert first == second
    assert (kept_digest.cache_info().misses, kept_digest.cache_info().hits) == (1, 1)
