"use server";

import { actorLabel, requireAdmin } from "@/lib/auth/session";
import { clearAuthorizerApiQuota, clearComponentApiQuota, readApiQuota, type TApiQuota } from "@/lib/platform/proxy/api-quota";
import type { TActionState } from "./action-state";
import { runAction } from "./run-action";
import { formText } from "@/lib/http/nul-text";

// Server actions of the API quota panels (an account's page, the settings page): admins only.

/** `appid` empty: the platform (component) itself. */
const targetOf = (form: FormData) => {
  const appid = formText(form, "appid");
  return appid ? ({ kind: "authorizer", appid } as const) : ({ kind: "component" } as const);
};

export type TQuotaState = { quota?: TApiQuota; cleared?: boolean };

export const readApiQuotaAction = async (_previous: TActionState<TQuotaState>, form: FormData): Promise<TActionState<TQuotaState>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    return { quota: await readApiQuota({ target: targetOf(form), cgiPath: formText(form, "cgiPath"), actor: actorLabel(admin) }) };
  });

export const clearApiQuotaAction = async (_previous: TActionState<TQuotaState>, form: FormData): Promise<TActionState<TQuotaState>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const target = targetOf(form);
    if (target.kind === "authorizer") await clearAuthorizerApiQuota({ appid: target.appid, actor: actorLabel(admin) });
    else await clearComponentApiQuota({ actor: actorLabel(admin) });
    return { cleared: true };
  });
