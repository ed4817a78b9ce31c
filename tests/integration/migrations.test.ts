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
});
