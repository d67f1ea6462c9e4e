CREATE TABLE fetch_log (
    source_name VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    kind VARCHAR NOT NULL CHECK (kind IN ('list', 'report', 'attachment')),
    status INTEGER,
    bytes BIGINT NOT NULL,
    sha256 VARCHAR,
    content_type VARCHAR,
    etag VARCHAR,
    last_modified VARCHAR,
    first_seen TIMESTAMP NOT NULL,
    last_seen TIMESTAMP NOT NULL,
    error VARCHAR,
    PRIMARY KEY (source_name, url)
);
COMMENT ON TABLE fetch_log IS 'Every URL the scraper requested, per source: outcome of the last request, when it was first and last seen. Bodies are kept in the raw store under their sha256.';
COMMENT ON COLUMN fetch_log.source_name IS 'Name of the source in sources.toml.';
COMMENT ON COLUMN fetch_log.url IS 'The URL requested.';
COMMENT ON COLUMN fetch_log.kind IS 'list (a column page), report or attachment.';
COMMENT ON COLUMN fetch_log.status IS 'HTTP status of the last request (null when no response came).';
COMMENT ON COLUMN fetch_log.bytes IS 'Bytes received.';
COMMENT ON COLUMN fetch_log.sha256 IS 'sha256 of the body kept in the raw store (null when none was kept).';
COMMENT ON COLUMN fetch_log.content_type IS 'Content-Type of the response.';
COMMENT ON COLUMN fetch_log.etag IS 'ETag, sent back as If-None-Match next time.';
COMMENT ON COLUMN fetch_log.last_modified IS 'Last-Modified, sent back as If-Modified-Since next time.';
COMMENT ON COLUMN fetch_log.first_seen IS 'First request of the URL (UTC).';
COMMENT ON COLUMN fetch_log.last_seen IS 'Last request of the URL (UTC).';
COMMENT ON COLUMN fetch_log.error IS 'Why the last request failed or was refused (robots.txt, size, redirects, timeout, HTTP status).';
