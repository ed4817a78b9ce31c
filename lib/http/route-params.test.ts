import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { AppError } from "../errors";
import { checkRouteParams, ROUTE_PARAMS } from "./route-params";

describe("route parameters", () => {
  it("has a pattern (or its checker) for every parameter of the JSON API and every dynamic segment of the route handlers", () => {
    const names = new Set<string>();
    for (const entry of readdirSync("app/api/admin", { withFileTypes: true, recursive: true }))
      for (const part of path.join(entry.parentPath, entry.name).split(path.sep)) {
        const match = /^\[(?:\.\.\.)?([^\]]+)\]$/.exec(part);
        if (match) names.add(match[1]);
      }
    for (const entry of readdirSync("server/api", { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const source = readFileSync(path.join(entry.parentPath, entry.name), "utf8");
      for (const [url] of source.matchAll(/"\/api\/v1\/[^"]*"/g)) {
        for (const [, name] of url.matchAll(/:(\w+)/g)) names.add(name);
        if (url.endsWith('/*"')) names.add("*");
      }
    }
    assert.ok(names.has("appid") && names.has("id") && names.has("*"), "the walk finds the parameters");
    assert.deepEqual(
      [...names].filter((name) => !(name in ROUTE_PARAMS)),
      [],
    );
  });

  it("lets well-formed values through and refuses the rest with a 400 that quotes them visibly", () => {
    checkRouteParams({ appid: "wx0123456789abcdef", id: "0b7c6f3e-1d2a-4b5c-8d9e-0f1a2b3c4d5e", "*": "cgi-bin/anything" });
    const refused: Array<Record<string, string>> = [
      { appid: "\u0000" },
      { appid: "wx0123456789abcde\u0000" },
      { appid: "中文" },
      { id: "a\u0000b" },
      { id: "0B7C6F3E-1D2A-4B5C-8D9E-0F1A2B3C4D5E" },
      { id: "x".repeat(300) },
    ];
    for (const params of refused) {
      assert.throws(
        () => checkRouteParams(params),
        (error: unknown) => error instanceof AppError && error.code === "bad_request" && !error.message.includes("\u0000"),
        JSON.stringify(params),
      );
    }
    assert.throws(() => checkRouteParams({ appid: "a\u0000b" }), /"a\\u0000b" is not an appid/);
    assert.throws(() => checkRouteParams({ slug: "x" }), /has no pattern/);
  });
});
