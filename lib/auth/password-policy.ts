import { readFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "../errors";

// What every newly set password must be (the sign-in page, the set-password link, /account, ADMIN_PASSWORD): 12 to
// 256 characters (Unicode code points, so 12 Chinese characters are as good as 12 letters) and not one of the common
// passwords that guessing lists start with (case-insensitive). Existing passwords are not checked again: the policy
// applies when a password is set, so a user with an older, shorter one still signs in.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type TPasswordProblem = "too_short" | "too_long" | "common" | "mismatch";

const PROBLEM_MESSAGES: Record<TPasswordProblem, string> = {
  too_short: `The password must be at least ${PASSWORD_MIN_LENGTH} characters.`,
  too_long: `The password must be at most ${PASSWORD_MAX_LENGTH} characters.`,
  common: "This password is on a list of common passwords that attackers try first; choose another.",
  mismatch: "The two passwords differ; type the same one twice.",
};

/** A new password the policy refuses; `problem` lets the dashboard say why in the reader's language. */
export class PasswordPolicyError extends AppError {
  constructor(readonly problem: TPasswordProblem) {
    super("bad_request", PROBLEM_MESSAGES[problem], { passwordProblem: problem });
  }
}

// The list ships with the code (lib/auth/common-passwords.txt, see its LICENSE file): no network at run time. Loaded
// once, and only the entries long enough to pass the length rule are kept (about 300 of 49,000): the rest are refused
// by length already.
let commonPasswords: Set<string> | undefined;
const loadCommonPasswords = () =>
  (commonPasswords ??= new Set(
    readFileSync(path.join(process.cwd(), "lib/auth/common-passwords.txt"), "utf8")
      .split("\n")
      .map((line) => line.trim().toLowerCase())
      .filter((line) => [...line].length >= PASSWORD_MIN_LENGTH),
  ));

/** Why a new password is refused, or null when it may be set. `confirmation`, when given, must be the same. */
export const findPasswordProblem = (password: string, confirmation?: string): TPasswordProblem | null => {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "too_short";
  if (length > PASSWORD_MAX_LENGTH) return "too_long";
  if (loadCommonPasswords().has(password.toLowerCase())) return "common";
  if (confirmation !== undefined && password !== confirmation) return "mismatch";
  return null;
};

/** Throws PasswordPolicyError (a 400) when the policy refuses a new password. */
export const assertPasswordPolicy = (password: string, confirmation?: string) => {
  const problem = findPasswordProblem(password, confirmation);
  if (problem) throw new PasswordPolicyError(problem);
};
