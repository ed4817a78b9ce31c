import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

// The dashboard's guards are in its pages, server actions and routes themselves, not only in the layout or the nav:
// requireUser / requireAdmin send a signed-out user to /login and, while an admin requires a second factor, a user
// without one to its setup. Only that setup may use requireSignedIn, which lets such a user through.

const root = path.resolve(import.meta.dirname, "../..");

const filesUnder = (folder: string, pattern: RegExp) =>
  readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));

const source = (file: string) => readFileSync(path.join(root, file), "utf8");

/** Each `export const name = …` of a file with its text up to the next export. */
const exportedConstants = (text: string) =>
  text
    .split(/^export const /m)
    .slice(1)
    .map((chunk) => ({ name: /^\w+/.exec(chunk)?.[0] ?? "?", body: chunk }));

const GUARD = /\brequire(User|Admin)\(/;
const SETUP_ACTIONS = new Set([
  "app/(admin)/_actions/second-factor.ts#startSecondFactorSetupAction",
  "app/(admin)/_actions/second-factor.ts#confirmSecondFactorSetupAction",
]);

describe("[ARCHITECTURE] session guards", () => {
  test("every dashboard page calls requireUser or requireAdmin itself", () => {
    const pages = filesUnder("app/(admin)", /^page\.tsx$/);
    assert.ok(pages.length >= 8, `found ${pages.length} pages`);
    const unguarded = pages.filter((file) => !GUARD.test(source(file)));
    assert.deepEqual(unguarded, []);
  });

  test("every dashboard server action calls requireUser or requireAdmin; only the second factor's setup uses requireSignedIn", () => {
    const actions = filesUnder("app/(admin)/_actions", /\.ts$/).filter((file) => source(file).startsWith('"use server"'));
    assert.ok(actions.length >= 6, `found ${actions.length} action files`);
    const problems: string[] = [];
    for (const file of actions)
      for (const { name, body } of exportedConstants(source(file))) {
        const key = `${file}#${name}`;
        if (SETUP_ACTIONS.has(key)) {
          if (!/\brequireSignedIn\(/.test(body)) problems.push(`${key} should call requireSignedIn`);
        } else if (!GUARD.test(body) || /\brequireSignedIn\(/.test(body)) problems.push(`${key} needs requireUser or requireAdmin`);
      }
    assert.deepEqual(problems, []);
  });

  test("every cookie-authenticated route under /api/admin goes through withSession or withAdmin", () => {
    const routes = filesUnder("app/api/admin", /^route\.ts$/);
    assert.deepEqual(
      routes.filter((file) => !/\bwith(Session|Admin)\b/.test(source(file))),
      [],
    );
  });
});
