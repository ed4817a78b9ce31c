"use server";

import { revalidatePath } from "next/cache";
import { actorLabel, requireAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { PLATFORM_PARAM, requestedPlatform } from "@/lib/http/dashboard-platform";
import { formText } from "@/lib/http/nul-text";
import { addDraftToTemplates, deleteCodeTemplate } from "@/lib/platform/templates/change-code-templates";
import type { TActionState } from "./action-state";
import { runAction } from "./run-action";

// Server actions of the Templates page (模板库): admins add drafts to the library and delete templates.

const idOf = (form: FormData, name: string) => {
  const value = Number(formText(form, name));
  if (!Number.isInteger(value) || value < 0) throw new AppError("bad_request", `${name} must be a whole number.`);
  return value;
};

export const addDraftAction = async (_previous: TActionState<{ added: true }>, form: FormData): Promise<TActionState<{ added: true }>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    await addDraftToTemplates({
      platform: await requestedPlatform(formText(form, PLATFORM_PARAM)),
      draftId: idOf(form, "draftId"),
      templateType: form.get("standard") === "on" ? 1 : 0,
      actor: actorLabel(admin),
    });
    revalidatePath("/templates");
    return { added: true as const };
  });

export const deleteTemplateAction = async (
  _previous: TActionState<{ deleted: true }>,
  form: FormData,
): Promise<TActionState<{ deleted: true }>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    await deleteCodeTemplate({
      platform: await requestedPlatform(formText(form, PLATFORM_PARAM)),
      templateId: idOf(form, "templateId"),
      actor: actorLabel(admin),
    });
    revalidatePath("/templates");
    return { deleted: true as const };
  });
