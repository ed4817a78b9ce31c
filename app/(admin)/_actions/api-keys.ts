"use server";

import { revalidatePath } from "next/cache";
import { createApiKey, isApiKeyRole, revokeApiKey } from "@/lib/auth/api-keys";
import { actorLabel, requireAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { TActionState } from "./action-state";
import { runAction } from "./run-action";
import { formText } from "@/lib/http/nul-text";

export type TCreatedApiKey = { name: string; key: string };

// Server action: create an API key (admins only); the key is answered once.
export const createApiKeyAction = async (_previous: TActionState<TCreatedApiKey>, form: FormData): Promise<TActionState<TCreatedApiKey>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const role = formText(form, "role");
    if (!isApiKeyRole(role)) throw new AppError("bad_request", "role must be reader, operator or admin");
    const expiry = formText(form, "expiresInDays");
    const expiresInDays = expiry === "" ? null : Number(expiry);
    // No platform ticked: a key for every platform, those added later included.
    const platforms = form.getAll("platforms").map(String);
    const { name, key } = await createApiKey({
      name: formText(form, "name"),
      role,
      createdById: admin.id,
      expiresInDays,
      platforms: platforms.length ? platforms : null,
    });
    revalidatePath("/settings");
    return { name, key };
  });

// Server action: revoke an API key (admins only).
export const revokeApiKeyAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    await revokeApiKey({ id: formText(form, "id"), actor: actorLabel(admin) });
    revalidatePath("/settings");
    return {};
  });
