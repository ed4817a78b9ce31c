import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { shardWhere } from "./sweep-shard";

describe("[SWEEP][SHARD] shardWhere", () => {
  it("splits the 16 hex digits among the instances, every digit to exactly one", () => {
    assert.deepEqual(shardWhere({ index: 0, count: 1 }), {}, "alone: everything");
    for (const count of [2, 3, 5, 16]) {
      const digits = Array.from({ length: count }, (_, index) =>
        (shardWhere({ index, count }).OR as Array<{ appid: { endsWith: string } }>).map((filter) => filter.appid.endsWith),
      );
      assert.deepEqual(digits.flat().sort(), [..."0123456789abcdef"].sort(), `${count} instances cover every digit once`);
      const sizes = digits.map((share) => share.length);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `even shares for ${count}: ${sizes.join(", ")}`);
    }
  });
});
