"use server";

import { revalidatePath } from "next/cache";
import { actorLabel, requireAdmin, requireUser } from "@/lib/auth/session";
import { liftLoginLock } from "@/lib/auth/login-throttle";
import { changeOwnPassword } from "@/lib/platform/users/change-own-password";
import { inviteUser } from "@/lib/platform/users/invite-user";
import { resetUserPassword } from "@/lib/platform/users/reset-user-password";
import { updateUser } from "@/lib/platform/users/update-user";
import type { TActionState } from "./action-state";
import { runAction } from "./run-action";
import { formText } from "@/lib/http/nul-text";
import { runPasswordAction } from "./run-password-action";

export type TPasswordLink = { email: string; link: string };

// Server action: invite a user (admins only); their one-time set-password link is answered once.
export const inviteUserAction = async (_previous: TActionState<TPasswordLink>, form: FormData): Promise<TActionState<TPasswordLink>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const { email, link } = await inviteUser({
      email: formText(form, "email"),
      name: formText(form, "name"),
      role: formText(form, "role"),
      actor: actorLabel(admin),
    });
    revalidatePath("/settings");
    return { email, link };
  });

// Server action: reset a user's password (admins only); the one-time link is answered once.
export const resetPasswordAction = async (_previous: TActionState<TPasswordLink>, form: FormData): Promise<TActionState<TPasswordLink>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const { email, link } = await resetUserPassword({
      userId: formText(form, "userId"),
      actor: { id: admin.id, label: actorLabel(admin) },
    });
    revalidatePath("/settings");
    return { email, link };
  });

// Server action: the signed-in user changes their own password (the current one required); their other sessions end.
export const changePasswordAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> =>
  runPasswordAction(async () => {
    const user = await requireUser();
    await changeOwnPassword({
      userId: user.id,
      sessionId: user.sessionId,
      currentPassword: String(form.get("currentPassword") ?? ""),
      password: String(form.get("password") ?? ""),
      confirmation: String(form.get("confirmation") ?? ""),
    });
    return {};
  });

// Server action: lift the sign-in lock on an email (admins only).
export const liftLoginLockAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    await liftLoginLock({ email: formText(form, "email"), actor: actorLabel(admin) });
    revalidatePath("/settings");
    return {};
  });

// Server action: change a user's role, or disable / enable them (admins only).
export const updateUserAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const change = formText(form, "change");
    await updateUser({
      userId: formText(form, "userId"),
      ...(change === "role" ? { role: formText(form, "role") } : { isDisabled: change === "disable" }),
      actor: { id: admin.id, label: actorLabel(admin) },
    });
    revalidatePath("/settings");
    return {};
  });
