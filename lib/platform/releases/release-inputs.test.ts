import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../errors";
import { extJsonPlaceholders, fillExtJson } from "../mini-programs/ext-json-template";
import { renderExtJson } from "../mini-programs/render-ext-json";
import { parseValuesCsv } from "./parse-values-csv";
import { isFinalState } from "./release-vocabulary";

const badRequest = (pattern: RegExp) => (error: unknown) =>
  error instanceof AppError && error.code === "bad_request" && pattern.test(error.message);

describe("[RELEASES] ext_json templates", () => {
  it("fills every placeholder JSON-escaped, so a value cannot break out of its string", () => {
    const filled = renderExtJson('{"ext":{"name":"{{nickName}}","id":"{{ appid }}"}}', { nickName: 'A "quoted"\n\\ name', appid: "wx1" });
    assert.deepEqual(JSON.parse(filled), { ext: { name: 'A "quoted"\n\\ name', id: "wx1" } });
    const hostile = renderExtJson('{"ext":{"name":"{{nickName}}"}}', { nickName: '", "extAppid": "wxevil' });
    assert.deepEqual(Object.keys(JSON.parse(hostile)), ["ext"], "no key injected");
  });

  it("names a placeholder without a value, and refuses what is not one JSON object", () => {
    assert.deepEqual(extJsonPlaceholders("{{a}} {{b}} {{a}}"), ["a", "b"]);
    assert.throws(() => renderExtJson('{"x":"{{shop}}"}', {}), badRequest(/\{\{shop\}\}/));
    assert.throws(() => renderExtJson('{"x":', {}), badRequest(/not valid JSON/));
    assert.throws(() => renderExtJson("[1]", {}), badRequest(/one JSON object/));
    assert.equal(fillExtJson("{{unknown}}", {}), "{{unknown}}", "the preview leaves unknown placeholders as written");
  });
});

describe("[RELEASES] per-account values as CSV", () => {
  it("reads quoted fields with commas, quotes and line breaks, and a byte-order mark", () => {
    const values = parseValuesCsv('\uFEFFappid,shop,note\r\nwx1,"Shop, ""One""","two\nlines"\nwx2,Plain,\n');
    assert.deepEqual(values.get("wx1"), { shop: 'Shop, "One"', note: "two\nlines" });
    assert.deepEqual(values.get("wx2"), { shop: "Plain", note: "" });
  });

  it("refuses a missing appid column, a short row, a repeated account and an open quote", () => {
    assert.throws(() => parseValuesCsv("shop\nx\n"), badRequest(/starting with appid/));
    assert.throws(() => parseValuesCsv("appid,shop\nwx1\n"), badRequest(/row 2 has 1 fields/));
    assert.throws(() => parseValuesCsv("appid,shop\nwx1,a\nwx1,b\n"), badRequest(/listed twice/));
    assert.throws(() => parseValuesCsv('appid,shop\nwx1,"open\n'), badRequest(/never ends/));
  });
});

describe("[RELEASES] final states", () => {
  it("committed ends a campaign that does not submit, passed one that does not release", () => {
    const commitOnly = { isSubmitAudit: false, isAutoRelease: false };
    const submitOnly = { isSubmitAudit: true, isAutoRelease: false };
    const full = { isSubmitAudit: true, isAutoRelease: true };
    assert.ok(isFinalState("committed", commitOnly) && !isFinalState("committed", submitOnly));
    assert.ok(isFinalState("passed", submitOnly) && !isFinalState("passed", full));
    assert.ok(!isFinalState("waiting_for_quota", full), "waiting for review slots is not the end");
    for (const state of ["released", "rejected", "failed", "cancelled"]) assert.ok(isFinalState(state, full));
  });
});
