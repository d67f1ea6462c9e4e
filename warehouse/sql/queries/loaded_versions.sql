-- Every (source, sha256) the warehouse has taken in: a run need not parse them again.
SELECT source, sha256 FROM document_source
