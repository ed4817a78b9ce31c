import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  assertPasswordPolicy,
  findPasswordProblem,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PasswordPolicyError,
} from "./password-policy";

describe("password policy", () => {
  it("asks for 12 to 256 characters, counted as Unicode code points", () => {
    assert.equal(PASSWORD_MIN_LENGTH, 12);
    assert.equal(findPasswordProblem("a-b-c-d-e-f"), "too_short", "11 characters");
    assert.equal(findPasswordProblem("a-b-c-d-e-f-"), null, "12 characters");
    // 11 emoji are 22 UTF-16 code units but 11 characters; 12 Chinese characters are enough.
    assert.equal(findPasswordProblem("🔑".repeat(11)), "too_short");
    assert.equal(findPasswordProblem("春眠不觉晓处处闻啼鸟夜来"), null);
    assert.equal(findPasswordProblem("x".repeat(PASSWORD_MAX_LENGTH)), null);
    assert.equal(findPasswordProblem("x".repeat(PASSWORD_MAX_LENGTH + 1)), "too_long");
  });

  it("refuses passwords of the shipped common list whatever their case, long ones included", () => {
    for (const common of ["1qaz2wsx3edc", "qwerty123456", "administrator", "ADMINISTRATOR", "LeaveMeAlone"])
      assert.equal(findPasswordProblem(common), "common", common);
    assert.equal(findPasswordProblem("administrator-of-wxopen"), null, "a longer password containing a common one is fine");
  });

  it("ships the whole list of @zxcvbn-ts/language-common 4.1.3, one password a line", () => {
    const lines = readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8")
      .trimEnd()
      .split("\n");
    assert.equal(lines.length, 49_233);
    assert.deepEqual(lines.slice(0, 3), ["123456", "password", "12345678"]);
  });

  it("checks the confirmation last, and throws a 400 naming the problem", () => {
    assert.equal(findPasswordProblem("correct horse battery", "correct horse batter"), "mismatch");
    assert.equal(findPasswordProblem("short", "different"), "too_short");
    assert.throws(
      () => assertPasswordPolicy("qazwsxedcrfv", "qazwsxedcrfv"),
      (error) => error instanceof PasswordPolicyError && error.problem === "common" && error.code === "bad_request",
    );
    assert.doesNotThrow(() => assertPasswordPolicy("correct horse battery", "correct horse battery"));
  });
});
