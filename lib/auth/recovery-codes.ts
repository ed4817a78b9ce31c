import { randomInt } from "node:crypto";
import { hashSecret } from "../secrets";

// Recovery codes: what signs in when the authenticator is lost. Ten per second factor, shown once, stored as their
// sha256 and spent once each. 16 characters from 31 that cannot be misread (no 0/o, 1/l/i) carry 79 bits: too many
// to guess online or to recover from a leaked hash, so a fast hash is enough (as for API keys and password links).

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const LENGTH = 16;
const GROUP = 4;

/** One new code, grouped for reading: "7kqm-2xvd-p9ht-wa3e". */
const createRecoveryCode = () => {
  const characters = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return characters.match(new RegExp(`.{${GROUP}}`, "g"))!.join("-");
};

/** RECOVERY_CODE_COUNT new codes, all different. */
export const createRecoveryCodes = () => {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(createRecoveryCode());
  return [...codes];
};

/** A code as typed (any case, with or without dashes and spaces) in its stored form, or null when it cannot be one. */
export const normalizeRecoveryCode = (input: string) => {
  const characters = input.toLowerCase().replace(/[\s-]/g, "");
  return characters.length === LENGTH && [...characters].every((character) => ALPHABET.includes(character)) ? characters : null;
};

/** What is stored for a code: the sha256 of its normalized form; null when the input cannot be a code. */
export const hashRecoveryCode = (input: string) => {
  const normalized = normalizeRecoveryCode(input);
  return normalized ? hashSecret(normalized) : null;
};
