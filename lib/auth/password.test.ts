import assert from "node:assert/strict";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, it } from "node:test";
import bcrypt from "bcryptjs";
import { hashPassword, needsRehash, verifyPassword } from "./password";

describe("passwords", () => {
  it("hashes with Argon2id and verifies; an older bcrypt hash still verifies and asks to be rehashed", async () => {
    const hash = await hashPassword("correct horse battery");
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword("correct horse battery", hash), true);
    assert.equal(await verifyPassword("wrong", hash), false);
    assert.equal(needsRehash(hash), false);

    const legacy = await bcrypt.hash("old password", 4);
    assert.equal(await verifyPassword("old password", legacy), true);
    assert.equal(needsRehash(legacy), true);
  });

  it("verifies off the event loop: eight sign-ins at once leave it free to serve tokens", async () => {
    const hash = await hashPassword("correct horse battery");
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await Promise.all(Array.from({ length: 8 }, (_, index) => verifyPassword(`guess ${index}`, hash)));
    delay.disable();
    // Pure-JS bcrypt at cost 12 blocked it ~230 ms per compare (~1.8 s for eight); native Argon2 runs on libuv's pool.
    const worstMs = delay.max / 1e6;
    assert.ok(worstMs < 150, `the event loop was blocked for ${worstMs.toFixed(0)} ms`);
  });
});
