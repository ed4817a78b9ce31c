import { getDb, isUniqueViolation } from "../../db";
import { AppError } from "../../errors";
import { hashSecret } from "../../secrets";

// WeChat hands one single-use auth code to both the redirect and the authorized push, at about the same time.
// Whoever inserts the claim row exchanges it; the other waits for `done` and reuses the result.

/** A claim still pending after this long belongs to a process that died: it may be taken over. */
export const STALE_CLAIM_MS = 60_000;
const POLL_MS = 150;
const WAIT_LIMIT_MS = STALE_CLAIM_MS + 10_000;

export type ClaimAuthCodeOptions = {
  code: string;
  source: "redirect" | "push";
  /** The exchange; answers the authorizer appid. Runs at most once at a time per code. */
  exchange: () => Promise<string>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const insertClaim = async (codeHash: string, source: string) => {
  try {
    await getDb().authCodeClaim.create({ data: { codeHash, source } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
};

/** Takes over a failed claim, or a pending one its owner abandoned; only one taker wins the compare-and-set. */
const takeOver = async (codeHash: string, source: string, seen: { status: string; createdAt: Date }) => {
  const { count } = await getDb().authCodeClaim.updateMany({
    where: { codeHash, status: seen.status, createdAt: seen.createdAt },
    data: { status: "pending", source, createdAt: new Date(), error: null, doneAt: null },
  });
  return count === 1;
};

const runAsOwner = async (codeHash: string, exchange: () => Promise<string>) => {
  try {
    const appid = await exchange();
    await getDb().authCodeClaim.update({ where: { codeHash }, data: { status: "done", appid, doneAt: new Date() } });
    return { appid, isOwner: true };
  } catch (error) {
    await getDb().authCodeClaim.update({
      where: { codeHash },
      data: { status: "failed", error: (error as Error).message.slice(0, 500), doneAt: new Date() },
    });
    throw error;
  }
};

/** Exchanges an auth code exactly once across the redirect, the push and every instance. */
export const claimAuthCode = async ({ code, source, exchange }: ClaimAuthCodeOptions): Promise<{ appid: string; isOwner: boolean }> => {
  const codeHash = hashSecret(code);
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    if (await insertClaim(codeHash, source)) return runAsOwner(codeHash, exchange);
    const claim = await getDb().authCodeClaim.findUnique({ where: { codeHash } });
    if (claim?.status === "done" && claim.appid) return { appid: claim.appid, isOwner: false };
    const isAbandoned = claim?.status === "pending" && Date.now() - claim.createdAt.getTime() > STALE_CLAIM_MS;
    if (claim && (claim.status === "failed" || isAbandoned) && (await takeOver(codeHash, source, claim)))
      return runAsOwner(codeHash, exchange);
    if (Date.now() > deadline)
      throw new AppError("unavailable", "This authorization is still being completed elsewhere; reload the page in a moment.");
    await sleep(POLL_MS);
  }
};
