import { AppError } from "../../errors";
import { ZHistory } from "../../wechat/mini-program-code";
import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import { callCodeApi } from "./call-code-api";
import { requireCodeAccess } from "./code-access";
import { readCodeState, saveCodeState } from "./code-state";
import { readCodeFromWechat } from "./read-code-from-wechat";
import { recordCodeEvent } from "./record-code-event";

// Roll back (admins): the live version becomes the previous one, or a chosen one of the last five (revertcoderelease).
// 87011 while a gray release runs, 87012 when there is nothing to go back to.

/** The versions a rollback may choose (WeChat keeps the last five released ones). */
export const listVersionHistory = async ({ ref, actor }: { ref: TAuthorizerRef; actor: string }) => {
  const access = await requireCodeAccess(ref);
  const answer = await callCodeApi({
    target: access.target,
    path: "wxa/revertcoderelease",
    method: "GET",
    query: { action: "get_history_version" },
    actor,
  });
  const history = ZHistory.safeParse(answer);
  if (!history.success) throw new AppError("wechat_error", "WeChat's version history is not the documented shape");
  return history.data.version_list.map((version) => ({
    appVersion: version.app_version,
    userVersion: version.user_version,
    userDesc: version.user_desc,
    committedAt: new Date(version.commit_time * 1000),
  }));
};

export const rollbackCode = async ({ ref, appVersion, actor }: { ref: TAuthorizerRef; appVersion?: number; actor: string }) => {
  const access = await requireCodeAccess(ref);
  await callCodeApi({
    target: access.target,
    path: "wxa/revertcoderelease",
    method: "GET",
    query: appVersion === undefined ? {} : { app_version: String(appVersion) },
    actor,
  });
  await recordCodeEvent(ref, "rollback", `Rolled back${appVersion === undefined ? "" : ` to app_version ${appVersion}`}`, actor, {
    appVersion,
  });
  // Which version is live now is WeChat's to say.
  return saveCodeState(ref, await readCodeFromWechat(access, await readCodeState(ref), actor));
};
