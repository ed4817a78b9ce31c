import { getDb, isUniqueViolation } from "../../db";

export type ClaimPushReceiptOptions = { msgSignature: string; toleranceSeconds: number };

/**
 * Records a verified push by its msg_signature; false when it was already accepted (an exact replay, or WeChat
 * resending a push it thinks we missed). Receipts older than twice the timestamp tolerance cannot matter any more
 * (such a push is refused by its timestamp) and are deleted here, so the table stays tiny.
 */
export const claimPushReceipt = async ({ msgSignature, toleranceSeconds }: ClaimPushReceiptOptions) => {
  const db = getDb();
  await db.pushReceipt.deleteMany({ where: { receivedAt: { lt: new Date(Date.now() - 2 * toleranceSeconds * 1000) } } });
  try {
    await db.pushReceipt.create({ data: { msgSignature } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
};

/** Processing failed after the claim: let WeChat's retry of the same push through. */
export const releasePushReceipt = async (msgSignature: string) => {
  await getDb().pushReceipt.deleteMany({ where: { msgSignature } });
};
