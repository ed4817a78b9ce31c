import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from "./recovery-codes";
import { createTotpSecret, matchTotpStep, normalizeTotpCode, totpCode, totpStep, totpUri } from "./totp";

// RFC 6238 appendix B: the SHA1 seed "12345678901234567890" (ASCII), here in base32, and its 8-digit codes cut to
// the 6 digits authenticator apps show (a code is its value mod 10^6).
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const RFC_VECTORS: Array<[seconds: number, code: string]> = [
  [59, "287082"],
  [1111111109, "081804"],
  [1111111111, "050471"],
  [1234567890, "005924"],
  [2000000000, "279037"],
  [20000000000, "353130"],
];

const at = (seconds: number) => new Date(seconds * 1000);

describe("[AUTH][TOTP] one-time codes", () => {
  it("computes RFC 6238's SHA1 test vectors", () => {
    for (const [seconds, code] of RFC_VECTORS) {
      assert.equal(totpCode({ secret: RFC_SECRET, at: at(seconds) }), code, `T = ${seconds}`);
      assert.equal(matchTotpStep({ secret: RFC_SECRET, code, at: at(seconds) }), Math.floor(seconds / 30));
    }
  });

  it("accepts a code one step either side of the clock and answers the step it belongs to, never two steps off", () => {
    const secret = createTotpSecret();
    const now = at(1_800_000_015);
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) {
      const code = totpCode({ secret, at: at((step + offset) * 30 + 1) });
      assert.equal(matchTotpStep({ secret, code, at: now }), step + offset, `offset ${offset}`);
    }
    for (const offset of [-2, 2]) {
      const code = totpCode({ secret, at: at((step + offset) * 30 + 1) });
      const nearby = [-1, 0, 1].map((near) => totpCode({ secret, at: at((step + near) * 30 + 1) }));
      if (nearby.includes(code)) continue; // one chance in ~300,000: the same digits also belong to a step in the window
      assert.equal(matchTotpStep({ secret, code, at: now }), null, `offset ${offset}`);
    }
  });

  it("refuses a wrong code and anything that is not six digits", () => {
    const secret = createTotpSecret();
    const now = new Date();
    const code = totpCode({ secret, at: now });
    const inWindow = [-30_000, 0, 30_000].map((ms) => totpCode({ secret, at: new Date(now.getTime() + ms) }));
    let wrong = code;
    while (inWindow.includes(wrong)) wrong = String((Number(wrong) + 1) % 1_000_000).padStart(6, "0");
    assert.equal(matchTotpStep({ secret, code: wrong, at: now }), null);
    assert.equal(matchTotpStep({ secret, code: "12345", at: now }), null);
    assert.equal(matchTotpStep({ secret, code: "", at: now }), null);
    assert.equal(matchTotpStep({ secret, code: "abcdef", at: now }), null);
    assert.equal(matchTotpStep({ secret, code: `${code}0`, at: now }), null);
  });

  it("reads a code typed with spaces or a dash", () => {
    assert.equal(normalizeTotpCode(" 123 456 "), "123456");
    assert.equal(normalizeTotpCode("123-456"), "123456");
    assert.equal(normalizeTotpCode("12345"), null);
    assert.equal(normalizeTotpCode("1234567"), null);
    const secret = createTotpSecret();
    const now = new Date();
    const code = totpCode({ secret, at: now });
    assert.equal(matchTotpStep({ secret, code: `${code.slice(0, 3)} ${code.slice(3)}`, at: now }), totpStep(now));
  });

  it("makes a new 160-bit secret each time, and an otpauth URI authenticator apps read (SHA1, 6 digits, 30 s)", () => {
    const secret = createTotpSecret();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.notEqual(createTotpSecret(), secret);
    const uri = new URL(totpUri({ secret, account: "ops@example.com", issuer: "wxopen (console.example.com)" }));
    assert.equal(uri.protocol, "otpauth:");
    assert.equal(uri.host, "totp");
    assert.equal(decodeURIComponent(uri.pathname), "/wxopen (console.example.com):ops@example.com");
    assert.equal(uri.searchParams.get("secret"), secret);
    assert.equal(uri.searchParams.get("issuer"), "wxopen (console.example.com)");
    assert.equal(uri.searchParams.get("algorithm"), "SHA1");
    assert.equal(uri.searchParams.get("digits"), "6");
    assert.equal(uri.searchParams.get("period"), "30");
  });
});

describe("[AUTH][RECOVERY-CODES] recovery codes", () => {
  it("makes ten different codes of 16 unambiguous characters in groups of four", () => {
    const codes = createRecoveryCodes();
    assert.equal(codes.length, RECOVERY_CODE_COUNT);
    assert.equal(new Set(codes).size, RECOVERY_CODE_COUNT);
    for (const code of codes) assert.match(code, /^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
  });

  it("reads a code however it is typed, and hashes every spelling alike; anything else is not a code", () => {
    const [code] = createRecoveryCodes();
    const hash = hashRecoveryCode(code);
    assert.match(hash ?? "", /^[0-9a-f]{64}$/);
    assert.equal(hashRecoveryCode(code.toUpperCase()), hash);
    assert.equal(hashRecoveryCode(code.replace(/-/g, "")), hash);
    assert.equal(hashRecoveryCode(` ${code.replace(/-/g, " ")} `), hash);
    assert.equal(normalizeRecoveryCode(code), code.replace(/-/g, ""));
    assert.equal(hashRecoveryCode("123456"), null, "a TOTP code is not a recovery code");
    assert.equal(hashRecoveryCode("oooo-llll-iiii-0000"), null, "ambiguous characters are never in a code");
    assert.equal(hashRecoveryCode(`${code}a`), null);
  });
});
