import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { limitWechatCall, withWechatCallLimit } from "./wechat-call-limit";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("wechat call limit", () => {
  it("keeps at most `max` calls in flight inside the work, and every call completes", async () => {
    let active = 0;
    let peak = 0;
    const call = async (index: number) => {
      active += 1;
      peak = Math.max(peak, active);
      await tick(5 + (index % 3));
      active -= 1;
      return index;
    };
    const results = await withWechatCallLimit(3, () =>
      Promise.all(Array.from({ length: 20 }, (_, index) => limitWechatCall(() => call(index)))),
    );
    assert.deepEqual(
      results,
      Array.from({ length: 20 }, (_, index) => index),
    );
    assert.equal(peak, 3);
  });

  it("does not limit calls made outside a limited piece of work, and frees the slot when a call fails", async () => {
    let active = 0;
    let peak = 0;
    const call = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await tick(5);
      active -= 1;
    };
    await Promise.all(Array.from({ length: 10 }, () => limitWechatCall(call)));
    assert.equal(peak, 10);
    await withWechatCallLimit(1, async () => {
      await assert.rejects(limitWechatCall(() => Promise.reject(new Error("40001"))));
      assert.equal(await limitWechatCall(async () => "next"), "next");
    });
  });
});
