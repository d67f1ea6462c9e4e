"""The raw store: every fetched body kept under its sha256, and a fetch log per source.

    <root>/objects/ab/abcdef…             bodies, content-addressed (a body is stored once)
    <root>/sources/<name>/fetch_log.parquet   url, kind, status, bytes, sha256, first/last seen, error
    <root>/sources/<name>/documents.parquet   the source's current reports: url and body sha256

One writer per source (the scrape of that source), so sources can be scraped in parallel. A
report page that disappears keeps its archived body and stays in documents.parquet.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

FETCH_LOG = {
    "url": pl.String,
    "kind": pl.String,
    "status": pl.Int32,
    "bytes": pl.Int64,
    "sha256": pl.String,
    "content_type": pl.String,
    "etag": pl.String,
    "last_modified": pl.String,
    "first_seen": pl.Datetime("us"),
    "last_seen": pl.Datetime("us"),
    "error": pl.String,
}
FETCHED_REPORTS = {"url": pl.String, "sha256": pl.String, "fetched_at": pl.Datetime("us")}


@dataclass(frozen=True)
class RawStore:
    root: Path

    def object_path(self, sha256: str) -> Path:
        return self.root / "objects" / sha256[:2] / sha256

    def put(self, body: bytes) -> str:
        digest = hashlib.sha256(body).hexdigest()
        path = self.object_path(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".part")
            temporary.write_bytes(body)
            temporary.replace(path)
        return digest

    def get(self, sha256: str) -> bytes:
        return self.object_path(sha256).read_bytes()

    def source_dir(self, name: str) -> Path:
        return self.root / "sources" / name

    def read_log(self, name: str) -> pl.DataFrame:
        path = self.source_dir(name) / "fetch_log.parquet"
        return pl.read_parquet(path) if path.exists() else pl.DataFrame(schema=FETCH_LOG)

    def read_documents(self, name: str) -> pl.DataFrame:
        path = self.source_dir(name) / "documents.parquet"
        return pl.read_parquet(path) if path.exists() else pl.DataFrame(schema=FETCHED_REPORTS)

    def write(self, name: str, log: pl.DataFrame, documents: pl.DataFrame) -> None:
        folder = self.source_dir(name)
        folder.mkdir(parents=True, exist_ok=True)
        for frame, file in ((log, "fetch_log.parquet"), (documents, "documents.parquet")):
            temporary = folder / (file + ".part")
            frame.write_parquet(temporary)
            temporary.replace(folder / file)


def merge_log(previous: pl.DataFrame, current: pl.DataFrame) -> pl.DataFrame:
    """This scrape's rows over the previous log: first_seen kept, last_seen and outcome updated,
    URLs not visited this time kept as they were."""
    firsts = previous.select("url", first=pl.col("first_seen"))
    updated = (
        current.join(firsts, on="url", how="left")
        .with_columns(first_seen=pl.coalesce("first", "first_seen"))
        .drop("first")
    )
    untouched = previous.filter(~pl.col("url").is_in(current.get_column("url").implode()))
    return pl.concat([untouched, updated.select(FETCH_LOG.keys())]).sort("url")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
