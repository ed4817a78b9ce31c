import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findNul, formText, refuseNul, stripNul } from "./nul-text";

describe("NUL in text", () => {
  it("finds a NUL in a string, a nested value or a key, and says where", () => {
    assert.equal(findNul({ name: "ok", list: [1, true, null, "fine"] }, "body"), null);
    assert.equal(findNul({ name: "a\u0000b" }, "body"), "body.name");
    assert.equal(findNul({ rule: { types: ["x", "\u0000"] } }, "body"), "body.rule.types.1");
    assert.equal(findNul({ "na\u0000me": 1 }, "query"), "query.na\\u0000me");
    assert.equal(findNul("\u0000", "body"), "body");
    assert.throws(() => refuseNul({ q: "a\u0000" }, "query"), /query\.q: text must not contain NUL characters/);
    assert.doesNotThrow(() => refuseNul({ q: "a", emoji: "\ud83d\ude00 中文" }, "query"));
    assert.throws(() => refuseNul({ name: "\ud800" }, "body"), /body\.name: text must be valid Unicode/);
  });

  it("strips NUL from what a person typed", () => {
    assert.equal(stripNul("a\u0000b\u0000"), "ab");
    const form = new FormData();
    form.set("name", "rule\u0000 one");
    assert.equal(formText(form, "name"), "rule one");
    assert.equal(formText(form, "missing"), "");
    assert.equal(formText(form, "missing", "async"), "async");
  });
});
