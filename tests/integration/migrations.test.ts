import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadMigrations, migrateDatabase } from "../../lib/migrate";
import { bodyToSend } from "../../lib/platform/forwarding/delivery-body";
import { createTestDatabase, testProvider } from "../helpers/database";

describe("[FOUNDATION] migrations", () => {
  it("several instances starting at once apply each migration exactly once", async () => {
    const database = await createTestDatabase({ migrate: false });
    try {
      const results = await Promise.all([migrateDatabase(database.url), migrateDatabase(database.url), migrateDatabase(database.url)]);
      const expected = loadMigrations(testProvider()).map((migration) => migration.name);
      assert.deepEqual(results.flat().sort(), expected, "each migration applied by exactly one of them");
      const rows = await database.db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM _wxopen_migrations ORDER BY name");
      assert.deepEqual(
        rows.map((row) => row.name),
        expected,
      );
      // The schema is there: every model answers.
      assert.equal(await database.db.authorizer.count(), 0);
    } finally {
      await database.drop();
    }
  });

  it("forwarding_body_once carries every delivery's body over: one body of its own each, sent as before", async () => {
    const database = await createTestDatabase({ migrate: false });
    try {
      const names = loadMigrations(testProvider()).map((migration) => migration.name);
      const target = names.findIndex((name) => name.endsWith("_forwarding_body_once"));
      await migrateDatabase(database.url, { through: names[target - 1] });
      const at = new Date("2026-12-01T08:00:00.000Z");
      await database.db.$executeRaw`
        INSERT INTO "ForwardingRule" ("id", "name", "url", "types", "secret", "secretHint", "updatedAt")
        VALUES ('rule', 'old rule', 'http://127.0.0.1:9/', '["*"]', 'secret', 'hint', ${at})`;
      const old = [
        ["d1", "v2.key.json-body", "application/json"],
        ["d2", "v2.key.xml-body", "application/xml"],
      ];
      for (const [publicId, body, contentType] of old)
        await database.db.$executeRaw`
          INSERT INTO "Delivery" ("publicId", "ruleId", "type", "body", "contentType", "giveUpAt", "createdAt")
          VALUES (${publicId}, 'rule', 'message.text', ${body}, ${contentType}, ${at}, ${at})`;

      assert.deepEqual(await migrateDatabase(database.url), names.slice(target));
      const rows = await database.db.delivery.findMany({ orderBy: { id: "asc" }, include: { body: true } });
      assert.deepEqual(
        rows.map((row) => [row.publicId, row.body.content, row.body.contentType, row.body.isEnvelope, row.body.createdAt.toISOString()]),
        old.map(([publicId, body, contentType]) => [publicId, body, contentType, false, at.toISOString()]),
      );
      assert.equal(bodyToSend(rows[0].body, "d1"), "v2.key.json-body", "an old body is sent exactly as stored");
      assert.equal(await database.db.deliveryBody.count(), 2);
    } finally {
      await database.drop();
    }
  });

  it("authorizations_per_platform gives every existing authorization to the default platform, tokens and search unchanged", async () => {
    const database = await createTestDatabase({ migrate: false });
    try {
      const names = loadMigrations(testProvider()).map((migration) => migration.name);
      const target = names.findIndex((name) => name.endsWith("_authorizations_per_platform"));
      await migrateDatabase(database.url, { through: names[target - 1] });
      const at = new Date("2026-12-01T08:00:00.000Z");
      const old = [
        ["wxa000000000000001", "Old Bakery", "v2.key.access-1", "v2.key.refresh-1"],
        ["wxa000000000000002", "Old Florist", "v2.key.access-2", "v2.key.refresh-2"],
      ];
      for (const [appid, nickName, accessToken, refreshToken] of old) {
        await database.db.$executeRaw`
          INSERT INTO "Authorizer" ("appid", "nickName", "accessToken", "refreshToken", "accessTokenExpiresAt", "updatedAt")
          VALUES (${appid}, ${nickName}, ${accessToken}, ${refreshToken}, ${at}, ${at})`;
        await database.db.$executeRaw`INSERT INTO "AuthorizerScope" ("appid", "scopeId") VALUES (${appid}, 1)`;
      }

      assert.deepEqual(await migrateDatabase(database.url), names.slice(target));
      const rows = await database.db.authorizer.findMany({ orderBy: { appid: "asc" }, include: { scopes: true } });
      assert.deepEqual(
        rows.map((row) => [
          row.platformKey,
          row.appid,
          row.nickName,
          row.accessToken,
          row.refreshToken,
          row.scopes.map((scope) => scope.scopeId),
        ]),
        old.map(([appid, nickName, accessToken, refreshToken]) => ["", appid, nickName, accessToken, refreshToken, [1]]),
      );
      // Search still follows the rows, and one account may now hold a second platform's authorization.
      await database.db.authorizer.create({ data: { platformKey: "wx00000000000000b0", appid: old[0][0], nickName: "Old Bakery" } });
      await database.db.authorizer.create({ data: { appid: "wxa000000000000003", nickName: "New Teahouse" } });
      const search = await database.db.$queryRawUnsafe<{ appid: string }[]>(`SELECT "appid" FROM "AuthorizerSearch" ORDER BY "appid"`);
      assert.deepEqual(
        search.map((row) => row.appid),
        ["wxa000000000000001", "wxa000000000000002", "wxa000000000000003"],
      );
      assert.equal(await database.db.authorizer.count({ where: { appid: old[0][0] } }), 2);
      // The search row goes with the last authorization of its appid, not before.
      await database.db.authorizer.deleteMany({ where: { platformKey: "wx00000000000000b0" } });
      await database.db.authorizer.deleteMany({ where: { appid: old[1][0] } });
      const after = await database.db.$queryRawUnsafe<{ appid: string }[]>(`SELECT "appid" FROM "AuthorizerSearch" ORDER BY "appid"`);
      assert.deepEqual(
        after.map((row) => row.appid),
        ["wxa000000000000001", "wxa000000000000003"],
      );
      // SQLite rebuilt the table: the list's hand-made sort indexes are back.
      const indexes = await database.db.$queryRawUnsafe<{ name: string }[]>(
        testProvider() === "sqlite"
          ? `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Authorizer'`
          : `SELECT indexname::text AS name FROM pg_indexes WHERE tablename = 'Authorizer'`,
      );
      for (const name of ["Authorizer_list_expiry_idx", "Authorizer_list_recent_idx", "Authorizer_list_name_idx"])
        assert.ok(
          indexes.some((index) => index.name === name),
          `${name} in ${indexes.map((index) => index.name).join(", ")}`,
        );
    } finally {
      await database.drop();
    }
  });
});
