-- Reports already held for the regions a run brings: the originals its new reports are compared
-- with for near-duplicates.
SELECT document_id, source, adcode, report_year, text
FROM v_report
WHERE list_contains($adcodes, adcode)
