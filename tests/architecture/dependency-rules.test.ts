import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { checkArchitecture, PLATFORM_FOLDERS } from "./dependency-rules";

const root = path.resolve(import.meta.dirname, "../..");

/** Every .ts/.tsx source of the folders the rules speak of, as repo-relative path -> text. */
const readTree = (folders: string[]) => {
  const sources = new Map<string, string>();
  for (const folder of folders)
    for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
      const file = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
      if (!file.startsWith("lib/generated/")) sources.set(file, readFileSync(path.join(root, file), "utf8"));
    }
  return sources;
};

/** A small tree that follows the rules; each fixture below adds one file that breaks one. */
const validTree = () =>
  new Map<string, string>([
    ["lib/db.ts", `import { getEnv } from "./env";\nexport const getDb = () => getEnv();`],
    ["lib/log.ts", `import pino from "pino";\nexport const log = pino();`],
    ["lib/http/app-error-status.ts", `import { log } from "../log";\nexport const toAppError = (error: unknown) => [log, error];`],
    ["lib/env.ts", `import { z } from "zod";\nexport const getEnv = () => z.object({}).parse({});`],
    ["lib/wechat/crypto.ts", `import { createHash } from "node:crypto";\nexport const sign = () => createHash("sha1");`],
    ["lib/platform/support/lease.ts", `import { getDb } from "../../db";\nexport const acquireLease = () => getDb();`],
    ["lib/platform/activity/record-event.ts", `import { getDb } from "../../db";\nexport const recordEvent = () => getDb();`],
    [
      "lib/platform/component/get-component-access-token.ts",
      `import { acquireLease } from "../support/lease";\nimport { sign } from "@/lib/wechat/crypto";\nexport const get = () => [acquireLease, sign];`,
    ],
    ["lib/platform/authorizers/authorizer-status.ts", `export const AUTHORIZER_STATUSES = ["authorized"] as const;`],
    [
      "lib/platform/authorizers/list-authorizers.ts",
      `import { getDb } from "../../db";\nexport type TItem = { appid: string };\nexport const listAuthorizers = () => getDb();`,
    ],
    [
      "lib/platform/pushes/receive-component-push.ts",
      `import { get } from "../component/get-component-access-token";\nexport const receive = () => get();`,
    ],
    [
      "components/status-badge.tsx",
      `import { AUTHORIZER_STATUSES } from "@/lib/platform/authorizers/authorizer-status";\nimport type { TItem } from "@/lib/platform/authorizers/list-authorizers";\nexport const x: TItem[] = [];\nexport const y = AUTHORIZER_STATUSES;`,
    ],
    [
      "app/api/health/route.ts",
      `import { get } from "@/lib/platform/component/get-component-access-token";\nimport { NextResponse } from "next/server";\nexport const GET = () => NextResponse.json(get());`,
    ],
  ]);

const withFile = (file: string, source: string) => new Map([...validTree(), [file, source]]);

describe("architecture: the import rules of lib/", () => {
  test("the repository follows them", () => {
    const violations = checkArchitecture(readTree(["lib", "components", "app", "server"]));
    assert.deepEqual(violations, [], `\n${violations.join("\n")}`);
  });

  test("every lib/platform folder is in the rules and in lib/platform/README.md", () => {
    const folders = readdirSync(path.join(root, "lib/platform"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const readme = readFileSync(path.join(root, "lib/platform/README.md"), "utf8");
    for (const folder of folders) {
      assert.ok(folder in PLATFORM_FOLDERS, `lib/platform/${folder} has no line in PLATFORM_FOLDERS`);
      assert.match(readme, new RegExp(`\\b${folder}/`), `lib/platform/README.md does not describe ${folder}/`);
    }
  });

  test("no lib/platform folder holds more than 15 files", () => {
    for (const folder of Object.keys(PLATFORM_FOLDERS)) {
      const files = readdirSync(path.join(root, "lib/platform", folder)).filter(
        (name) => /\.tsx?$/.test(name) && !name.endsWith(".test.ts"),
      );
      assert.ok(files.length <= 15, `lib/platform/${folder} holds ${files.length} files`);
    }
  });

  test("the fixture tree follows them", () => {
    assert.deepEqual(checkArchitecture(validTree()), []);
  });

  const broken: Array<[string, string, string, RegExp]> = [
    [
      "an import against the flow",
      "lib/platform/component/bad.ts",
      `import { receive } from "../pushes/receive-component-push";`,
      /lib\/platform\/component may not import lib\/platform\/pushes/,
    ],
    [
      "activity importing a domain",
      "lib/platform/activity/bad.ts",
      `import { get } from "../component/get-component-access-token";`,
      /lib\/platform\/activity may not import lib\/platform\/component/,
    ],
    [
      "support importing a domain",
      "lib/platform/support/bad.ts",
      `export { listAuthorizers } from "../authorizers/list-authorizers";`,
      /lib\/platform\/support may not import lib\/platform\/authorizers/,
    ],
    [
      "a dynamic import against the flow",
      "lib/platform/component/lazy.ts",
      `export const later = () => import("../pushes/receive-component-push");`,
      /may not import lib\/platform\/pushes/,
    ],
    ["next/* in lib/wechat", "lib/wechat/bad.ts", `import { NextResponse } from "next/server";`, /lib\/wechat may use only/],
    ["react in lib/wechat", "lib/wechat/bad.tsx", `import { useState } from "react";`, /lib\/wechat may use only/],
    ["Prisma in lib/wechat", "lib/wechat/bad.ts", `import { PrismaClient } from "@prisma/client";`, /lib\/wechat may use only/],
    ["the database in lib/wechat", "lib/wechat/bad.ts", `import { getDb } from "../db";`, /lib\/wechat imports nothing of the app/],
    ["next/* in lib/platform", "lib/platform/support/bad.ts", `import { after } from "next/server";`, /lib\/platform is framework-free/],
    ["Prisma directly in lib/platform", "lib/platform/support/bad.ts", `import { Prisma } from "@prisma/client";`, /through lib\/db/],
    ["a loose file in lib/platform", "lib/platform/loose.ts", `import { getDb } from "../db";`, /holds folders only/],
    [
      "an unknown platform folder",
      "lib/platform/newthing/x.ts",
      `import { get } from "../component/get-component-access-token";`,
      /not a known folder/,
    ],
    [
      "lib/auth outside users/",
      "lib/platform/component/bad.ts",
      `import { hashPassword } from "../../auth/password";`,
      /only lib\/platform\/users may use lib\/auth/,
    ],
    [
      "lib/http from lib/platform",
      "lib/platform/component/bad.ts",
      `import { withApiKey } from "../../http/with-api-key";`,
      /imports lib\/\*\.ts, lib\/wechat and its own folders only/,
    ],
    [
      "a client component reaching pino",
      "components/ui/bad.tsx",
      `"use client";\nimport { toAppError } from "../../lib/http/app-error-status";\nexport const Bad = () => toAppError;`,
      /a client component reaches server-only pino through components\/ui\/bad\.tsx -> lib\/http\/app-error-status\.ts -> lib\/log\.ts -> pino/,
    ],
    ["next in the JSON API layer", "server/api/bad.ts", `import { NextResponse } from "next/server";`, /server\/ is the JSON API/],
    [
      "the database in the JSON API layer",
      "server/api/bad.ts",
      `import { getDb } from "../../lib/db";`,
      /server\/ reaches the database only through lib\/platform/,
    ],
    [
      "a component in the JSON API layer",
      "server/api/bad.ts",
      `import { Card } from "../../components/ui/card";`,
      /server\/ imports lib\/ and server\/ only/,
    ],
    [
      "lib importing the JSON API layer",
      "lib/platform/component/bad.ts",
      `import { buildApi } from "../../../server/api-app";`,
      /lib\/ never imports server\//,
    ],
    [
      "the foundation importing the platform",
      "lib/log.ts",
      `import { recordEvent } from "./platform/activity/record-event";`,
      /lib\/\*\.ts imports only lib\/\*\.ts and lib\/wechat/,
    ],
    [
      "a component calling a use case",
      "components/bad.tsx",
      `import { listAuthorizers } from "@/lib/platform/authorizers/list-authorizers";`,
      /components import only types/,
    ],
    ["a component reading the database", "components/bad.tsx", `import { getDb } from "@/lib/db";`, /only through lib\/platform/],
    [
      "a server action reading the database",
      "app/(admin)/_actions/bad.ts",
      `import { getDb } from "@/lib/db";`,
      /only through lib\/platform/,
    ],
    ["a route using Prisma", "app/api/bad/route.ts", `import { PrismaClient } from "@prisma/client";`, /only through lib\/platform/],
  ];
  for (const [name, file, source, rule] of broken)
    test(`refuses ${name}`, () => {
      const violations = checkArchitecture(withFile(file, source));
      assert.equal(violations.length, 1, violations.join("\n"));
      assert.match(violations[0], rule);
      assert.ok(violations[0].startsWith(`${file}: `), violations[0]);
    });

  test("refuses an import cycle, type-only imports included", () => {
    const tree = validTree();
    tree.set("lib/platform/pushes/a.ts", `import type { TB } from "./b";\nexport type TA = TB;`);
    tree.set("lib/platform/pushes/b.ts", `import { a } from "./c";\nexport type TB = string;\nexport const b = a;`);
    tree.set("lib/platform/pushes/c.ts", `import type { TA } from "./a";\nexport const a: TA = "";`);
    assert.deepEqual(checkArchitecture(tree), [
      "import cycle: lib/platform/pushes/a.ts -> lib/platform/pushes/b.ts -> lib/platform/pushes/c.ts -> lib/platform/pushes/a.ts",
    ]);
  });

  test("a type-only import of a use case is allowed in a component, a value import is not", () => {
    assert.deepEqual(
      checkArchitecture(
        withFile(
          "components/ok.tsx",
          `import type { listAuthorizers } from "@/lib/platform/authorizers/list-authorizers";\nexport type T = typeof listAuthorizers;`,
        ),
      ),
      [],
    );
    assert.equal(
      checkArchitecture(
        withFile("components/bad.tsx", `import { type TItem, listAuthorizers } from "@/lib/platform/authorizers/list-authorizers";`),
      ).length,
      1,
    );
  });
});
