-- list_index_tuning (sqlite): hand-written, outside prisma/schema.prisma
-- Both list filters and the default sort in one index: with only the kind's, SQLite walked a third of the rows in
-- expiry order past a rare status (400 ms at a million).
CREATE INDEX "Authorizer_list_status_kind_expiry_idx" ON "Authorizer"("status", "kind", "accessTokenExpiresAt", "appid");
