import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import { requireCodeAccess } from "./code-access";
import { readCodeState, saveCodeState, toCodeView, type TMiniProgramCode } from "./code-state";
import { readCodeFromWechat } from "./read-code-from-wechat";

// GET …/code: the trial, the audit and the released version. Read from WeChat (four calls) unless wxopen read them
// within `maxAgeSeconds`: the panel is opened often, and every action and audit event keeps the row current anyway.

export type GetMiniProgramCodeOptions = { ref: TAuthorizerRef; maxAgeSeconds?: number; actor: string };

export const getMiniProgramCode = async ({ ref, maxAgeSeconds = 60, actor }: GetMiniProgramCodeOptions): Promise<TMiniProgramCode> => {
  const access = await requireCodeAccess(ref);
  const previous = await readCodeState(ref);
  if (previous?.checkedAt && Date.now() - previous.checkedAt.getTime() < maxAgeSeconds * 1000) return toCodeView(ref.appid, previous);
  return saveCodeState(ref, await readCodeFromWechat(access, previous, actor));
};
