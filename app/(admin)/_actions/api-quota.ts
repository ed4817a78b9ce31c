"use server";

import { actorLabel, requireAdmin } from "@/lib/auth/session";
import { clearAuthorizerApiQuota, clearComponentApiQuota, readApiQuota, type TApiQuota } from "@/lib/platform/proxy/api-quota";
import type { TActionState } from "./action-state";
import { runAction } from "./run-action";
import { formText } from "@/lib/http/nul-text";
import { PLATFORM_PARAM, requestedPlatform } from "@/lib/http/dashboard-platform";

// Server actions of the API quota panels (an account's page, the settings page): admins only.

/** `appid` empty: the platform (component) itself; `platform` (a component appid) empty: the default platform. */
const targetOf = async (form: FormData) => {
  const appid = formText(form, "appid");
  const platform = await requestedPlatform(formText(form, PLATFORM_PARAM));
  return appid ? ({ kind: "authorizer", appid, platform } as const) : ({ kind: "component", platform } as const);
};

export type TQuotaState = { quota?: TApiQuota; cleared?: boolean };

export const readApiQuotaAction = async (_previous: TActionState<TQuotaState>, form: FormData): Promise<TActionState<TQuotaState>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    return { quota: await readApiQuota({ target: await targetOf(form), cgiPath: formText(form, "cgiPath"), actor: actorLabel(admin) }) };
  });

export const clearApiQuotaAction = async (_previous: TActionState<TQuotaState>, form: FormData): Promise<TActionState<TQuotaState>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const target = await targetOf(form);
    if (target.kind === "authorizer")
      await clearAuthorizerApiQuota({ appid: target.appid, platform: target.platform, actor: actorLabel(admin) });
    else await clearComponentApiQuota({ platform: target.platform, actor: actorLabel(admin) });
    return { cleared: true };
  });
