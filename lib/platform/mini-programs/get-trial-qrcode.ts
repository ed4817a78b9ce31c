import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import { callCodeImage } from "./call-code-api";
import { requireCodeAccess } from "./code-access";

// GET …/code/trial-qrcode: the trial version's QR code (a JPEG from get_qrcode), optionally opening `path`.

export const getTrialQrcode = async ({ ref, path, actor }: { ref: TAuthorizerRef; path?: string; actor: string }) => {
  const access = await requireCodeAccess(ref);
  return callCodeImage({ target: access.target, path: "wxa/get_qrcode", method: "GET", query: path ? { path } : {}, actor });
};
