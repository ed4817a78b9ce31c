"use server";

import { revalidatePath } from "next/cache";
import { actorLabel, requireAdmin } from "@/lib/auth/session";
import { formText } from "@/lib/http/nul-text";
import { createPlatform, updatePlatform } from "@/lib/platform/component/manage-platforms";
import type { TActionState } from "./action-state";
import { runAction } from "./run-action";

// Server actions of Settings → Platforms: admins only.

export type TAddedPlatform = { name: string; urls: { notify: string; messages: string } };

export const addPlatformAction = async (_previous: TActionState<TAddedPlatform>, form: FormData): Promise<TActionState<TAddedPlatform>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const platform = await createPlatform({
      input: {
        name: formText(form, "name"),
        componentAppid: formText(form, "componentAppid"),
        componentAppsecret: formText(form, "componentAppsecret"),
        token: formText(form, "token"),
        encodingAesKey: formText(form, "encodingAesKey"),
      },
      actor: actorLabel(admin),
    });
    revalidatePath("/settings");
    return { name: platform.name, urls: platform.urls };
  });

export const setPlatformEnabledAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    await updatePlatform({
      componentAppid: formText(form, "componentAppid"),
      changes: { enabled: formText(form, "enabled") === "true" },
      actor: actorLabel(admin),
    });
    revalidatePath("/settings");
    return {};
  });
