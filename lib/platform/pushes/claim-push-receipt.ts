import { getDb, isUniqueViolation } from "../../db";

/**
 * msg_signature is hex, and its check ignores case (signaturesMatch): the receipt keys on the lower-case form, so
 * the same push sent again with its signature in upper (or mixed) case is the replay it is.
 */
const receiptKey = (msgSignature: string) => msgSignature.toLowerCase();

/**
 * Records a verified push by its msg_signature; false when it was already accepted (an exact replay, or WeChat
 * resending a push it thinks we missed). One insert while WeChat waits: retention deletes receipts once the
 * timestamp tolerance refuses such a push anyway.
 */
export const claimPushReceipt = async (msgSignature: string) => {
  try {
    await getDb().pushReceipt.create({ data: { msgSignature: receiptKey(msgSignature) } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
};

/** Processing failed after the claim: let WeChat's retry of the same push through. */
export const releasePushReceipt = async (msgSignature: string) => {
  await getDb().pushReceipt.deleteMany({ where: { msgSignature: receiptKey(msgSignature) } });
};
