import { getDb, isUniqueViolation } from "../../db";

/**
 * Records a verified push by its msg_signature; false when it was already accepted (an exact replay, or WeChat
 * resending a push it thinks we missed). One insert while WeChat waits: retention deletes receipts once the
 * timestamp tolerance refuses such a push anyway.
 */
export const claimPushReceipt = async (msgSignature: string) => {
  try {
    await getDb().pushReceipt.create({ data: { msgSignature } });
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
