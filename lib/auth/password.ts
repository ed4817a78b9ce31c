import bcrypt from "bcryptjs";

// Passwords are stored as bcrypt hashes, cost 12 (about a quarter second each: slow for guessing, fine for a sign-in).

export const PASSWORD_COST = 12;
export const MIN_PASSWORD_LENGTH = 8;

export const hashPassword = (password: string) => bcrypt.hash(password, PASSWORD_COST);

export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);

// Compared against when the email is unknown, so an unknown email takes as long as a wrong password.
let unknownUserHash: Promise<string> | undefined;
export const verifyAgainstNothing = async (password: string) => {
  await bcrypt.compare(password, await (unknownUserHash ??= bcrypt.hash("no user has this password", PASSWORD_COST)));
  return false;
};
