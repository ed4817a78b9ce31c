"use server";

import { revalidatePath } from "next/cache";
import { actorLabel, requireAdmin, requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { PLATFORM_PARAM, requestedPlatform } from "@/lib/http/dashboard-platform";
import { formText } from "@/lib/http/nul-text";
import { commitCode } from "@/lib/platform/mini-programs/commit-code";
import { grayRelease } from "@/lib/platform/mini-programs/gray-release";
import { releaseCode } from "@/lib/platform/mini-programs/release-code";
import { rollbackCode } from "@/lib/platform/mini-programs/rollback-code";
import { setVisitStatus } from "@/lib/platform/mini-programs/set-visit-status";
import { platformKeyOf } from "@/lib/platform/platforms/platform-key";
import { parseAuditCategory } from "@/lib/platform/reviews/get-audit-options";
import { speedUpAudit } from "@/lib/platform/reviews/speed-up-audit";
import { submitAudit } from "@/lib/platform/reviews/submit-audit";
import { undoAudit } from "@/lib/platform/reviews/undo-audit";
import type { TActionState } from "./action-state";
import { runAction } from "./run-action";

// Server actions of the Versions panel (版本管理) on a Mini Program's page. Operators commit and submit; release,
// gray release, rollback and visits are admin-only (the same split as the JSON API).

type TDone = { done: true };

const refOf = async (form: FormData) => {
  const platform = await requestedPlatform(formText(form, PLATFORM_PARAM));
  return { platformKey: platformKeyOf(platform), appid: formText(form, "appid") };
};

const wholeNumber = (form: FormData, name: string, label: string) => {
  const value = Number(formText(form, name));
  if (!Number.isInteger(value) || value < 0) throw new AppError("bad_request", `${label} must be a whole number.`);
  return value;
};

/** Runs one panel action, then redraws the page so the panel shows what WeChat now holds. */
const panelAction = (run: () => Promise<unknown>): Promise<TActionState<TDone>> =>
  runAction(async () => {
    await run();
    revalidatePath("/authorizers/[appid]", "page");
    return { done: true as const };
  });

type TPanelAction = (previous: TActionState<TDone>, form: FormData) => Promise<TActionState<TDone>>;

export const commitCodeAction: TPanelAction = async (_previous, form) =>
  panelAction(async () => {
    const user = await requireUser();
    await commitCode({
      ref: await refOf(form),
      templateId: wholeNumber(form, "templateId", "The template"),
      extJson: formText(form, "extJson") || "{}",
      userVersion: formText(form, "userVersion"),
      userDesc: formText(form, "userDesc"),
      actor: actorLabel(user),
    });
  });

export const submitAuditAction: TPanelAction = async (_previous, form) =>
  panelAction(async () => {
    const user = await requireUser();
    const category = formText(form, "category");
    const page = formText(form, "page");
    await submitAudit({
      ref: await refOf(form),
      items: category ? [{ ...parseAuditCategory(category), ...(page ? { address: page } : {}) }] : undefined,
      versionDesc: formText(form, "versionDesc") || undefined,
      privacyApiNotUse: form.get("privacyApiNotUse") === "on",
      actor: actorLabel(user),
    });
  });

export const undoAuditAction: TPanelAction = async (_previous, form) =>
  panelAction(async () => undoAudit({ ref: await refOf(form), actor: actorLabel(await requireUser()) }));

export const speedUpAuditAction: TPanelAction = async (_previous, form) =>
  panelAction(async () => speedUpAudit({ ref: await refOf(form), actor: actorLabel(await requireUser()) }));

export const releaseCodeAction: TPanelAction = async (_previous, form) =>
  panelAction(async () => releaseCode({ ref: await refOf(form), actor: actorLabel(await requireAdmin()) }));

export const grayReleaseAction: TPanelAction = async (_previous, form) =>
  panelAction(async () => {
    const admin = await requireAdmin();
    await grayRelease({ ref: await refOf(form), percentage: wholeNumber(form, "percentage", "The percentage"), actor: actorLabel(admin) });
  });

export const rollbackCodeAction: TPanelAction = async (_previous, form) =>
  panelAction(async () => {
    const admin = await requireAdmin();
    const appVersion = formText(form, "appVersion");
    await rollbackCode({
      ref: await refOf(form),
      appVersion: appVersion ? wholeNumber(form, "appVersion", "The version") : undefined,
      actor: actorLabel(admin),
    });
  });

export const visitStatusAction: TPanelAction = async (_previous, form) =>
  panelAction(async () => {
    const admin = await requireAdmin();
    await setVisitStatus({ ref: await refOf(form), isOpen: formText(form, "status") === "open", actor: actorLabel(admin) });
  });
