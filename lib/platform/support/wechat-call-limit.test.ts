import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createWechatCallLimit, limitWechatCall, withWechatCallLimit } from "./wechat-call-limit";

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

describe("wechat call pace", () => {
  it("starts at most maxPerSecond calls a second, and measures how long they took", async () => {
    const limit = createWechatCallLimit({ max: 50, maxPerSecond: 100 });
    const starts: number[] = [];
    const startedAt = Date.now();
    await withWechatCallLimit(limit, () =>
      Promise.all(
        Array.from({ length: 30 }, () =>
          limitWechatCall(async () => {
            starts.push(Date.now() - startedAt);
            await tick(20);
          }),
        ),
      ),
    );
    // 30 starts 10 ms apart take ~290 ms; without the pace all 30 would start at once.
    assert.ok(starts[29] >= 270, `the 30th call started after ${starts[29]} ms`);
    const perWindow = starts.filter((at) => at < 100).length;
    assert.ok(perWindow <= 11, `${perWindow} calls started in the first 100 ms (at most 10 + the first)`);
    assert.equal(limit.calls, 30);
    assert.ok(limit.totalMs / limit.calls >= 19, `average ${limit.totalMs / limit.calls} ms per call`);
  });
});
