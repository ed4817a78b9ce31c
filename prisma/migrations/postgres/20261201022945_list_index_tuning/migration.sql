-- list_index_tuning (postgres): hand-written, outside prisma/schema.prisma
-- The search's trigram index is written straight through: new accounts and renames are rare, and with GIN's pending
-- list (fastupdate) every search also scans each entry not yet merged, up to 4 MB of them, until a vacuum merges
-- them. The list already pending is merged now.
ALTER INDEX "AuthorizerSearch_text_trgm_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('"AuthorizerSearch_text_trgm_idx"'::regclass);
