import { hash as argon2Hash, verify as argon2Verify, type Options } from "@node-rs/argon2";
import bcrypt from "bcryptjs";

// Passwords are stored as Argon2id hashes (OWASP's 19 MiB, 2 passes), computed natively on libuv's thread pool: a
// sign-in never blocks the event loop that serves tokens. At most PASSWORD_CONCURRENCY run at once (each takes
// 19 MiB); the rest queue. Hashes from before (bcrypt, pure JS) still verify, once: sign-in rehashes them.

const ARGON2: Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const PASSWORD_CONCURRENCY = 4;

let running = 0;
const waiting: Array<() => void> = [];

/** Runs `work` when fewer than PASSWORD_CONCURRENCY hashes are in progress. */
const limited = async <T>(work: () => Promise<T>): Promise<T> => {
  if (running >= PASSWORD_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
};

export const hashPassword = (password: string) => limited(() => argon2Hash(password, ARGON2));

const isArgon2 = (hash: string) => hash.startsWith("$argon2");

/** A stored hash in an older format (bcrypt): verify it, then store hashPassword's instead. */
export const needsRehash = (hash: string) => !hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$");

export const verifyPassword = (password: string, hash: string) =>
  limited(() => (isArgon2(hash) ? argon2Verify(hash, password) : bcrypt.compare(password, hash)));

// Compared against when the email is unknown, so an unknown email takes as long as a wrong password.
let unknownUserHash: Promise<string> | undefined;
export const verifyAgainstNothing = async (password: string) => {
  await verifyPassword(password, await (unknownUserHash ??= hashPassword("no user has this password")));
  return false;
};
