import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failureDelayMs, lockDurationMs } from "./login-throttle";

const minutes = (ms: number) => ms / 60_000;

describe("sign-in locks", () => {
  it("last twice as long each time the same key is locked again, up to 4 hours", () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 20].map((lock) => minutes(lockDurationMs(lock))),
      [15, 30, 60, 120, 240, 240, 240],
    );
  });

  it("pause 0.25 s after the first failure, doubling to at most 4 s", () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6].map(failureDelayMs), [250, 500, 1000, 2000, 4000, 4000]);
  });
});
