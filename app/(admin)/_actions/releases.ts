"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actorLabel, requireAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { PLATFORM_PARAM, requestedPlatform, withPlatform } from "@/lib/http/dashboard-platform";
import { formText } from "@/lib/http/nul-text";
import { platformKeyOf } from "@/lib/platform/platforms/platform-key";
import { changeRelease, type TReleaseChange } from "@/lib/platform/releases/change-release";
import { createRelease } from "@/lib/platform/releases/create-release";
import { planRelease } from "@/lib/platform/releases/plan-release";
import type { TActionState } from "./action-state";
import { runAction } from "./run-action";

// Server actions of the Releases pages (发布): preview and start a campaign, and steer one. Admins only.

export type TReleasePreview = {
  total: number;
  quota: { rest: number; limit: number; speedupRest: number; speedupLimit: number } | null;
  submittableNow: number;
  waitingForQuota: number;
  sample: { appid: string; extJson: string };
};

const inputOf = async (form: FormData, actor: string) => {
  const platform = await requestedPlatform(formText(form, PLATFORM_PARAM));
  const templateId = Number(formText(form, "templateId"));
  if (!Number.isInteger(templateId) || templateId <= 0) throw new AppError("bad_request", "Pick a template.");
  const mode = formText(form, "targets");
  const appids = formText(form, "appids")
    .split(/[\s,]+/)
    .filter(Boolean);
  const csv = formText(form, "csv");
  return {
    platform,
    templateId,
    userVersion: formText(form, "userVersion").trim(),
    userDesc: formText(form, "userDesc"),
    extJson: formText(form, "extJson") || "{}",
    targets: mode === "all" ? ({ all: true } as const) : mode === "list" ? { appids } : undefined,
    csv: mode === "csv" || csv ? csv || undefined : undefined,
    isSubmitAudit: form.get("submitAudit") === "on",
    actor,
  };
};

export const previewReleaseAction = async (
  _previous: TActionState<{ preview: TReleasePreview }>,
  form: FormData,
): Promise<TActionState<{ preview: TReleasePreview }>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const plan = await planRelease(await inputOf(form, actorLabel(admin)));
    const [first] = plan.targets;
    return {
      preview: {
        total: plan.targets.length,
        quota: plan.quota,
        submittableNow: plan.submittableNow,
        waitingForQuota: plan.waitingForQuota,
        sample: { appid: first.appid, extJson: JSON.stringify(JSON.parse(first.extJson), null, 2) },
      },
    };
  });

export const createReleaseAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> => {
  const result = await runAction(async () => {
    const admin = await requireAdmin();
    const input = await inputOf(form, actorLabel(admin));
    const gray = formText(form, "grayPercentage");
    const created = await createRelease({
      ...input,
      name: formText(form, "name") || undefined,
      isAutoRelease: form.get("autoRelease") === "on",
      isSpeedUp: form.get("speedUp") === "on",
      grayPercentage: gray ? Number(gray) : undefined,
    });
    return { id: created.id, platform: input.platform };
  });
  if (result.status !== "done") return result;
  redirect(withPlatform(`/releases/${result.id}`, result.platform));
};

export const changeReleaseAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const platform = await requestedPlatform(formText(form, PLATFORM_PARAM));
    const change = formText(form, "change") as TReleaseChange;
    if (!["pause", "resume", "cancel", "retry-failed"].includes(change)) throw new AppError("bad_request", "Unknown change.");
    await changeRelease({ id: formText(form, "id"), platformKey: platformKeyOf(platform), change, actor: actorLabel(admin) });
    revalidatePath("/releases/[id]", "page");
    return {};
  });
