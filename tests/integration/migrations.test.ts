import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadMigrations, migrateDatabase } from "../../lib/migrate";
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
});
