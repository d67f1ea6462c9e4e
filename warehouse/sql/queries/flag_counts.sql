SELECT split_part(flag, ':', 1) AS flag, count(*) AS reports
FROM (SELECT unnest(flags) AS flag FROM dim_document WHERE NOT superseded)
GROUP BY ALL ORDER BY reports DESC, flag
