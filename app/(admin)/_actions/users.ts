"use server";

import { revalidatePath } from "next/cache";
import { actorLabel, requireAdmin } from "@/lib/auth/session";
import { liftLoginLock } from "@/lib/auth/login-throttle";
import { recordEvent } from "@/lib/platform/activity/record-event";
import { inviteUser } from "@/lib/platform/users/invite-user";
import { updateUser } from "@/lib/platform/users/update-user";
import { runAction, type TActionState } from "./action-state";

export type TInvitedUser = { email: string; temporaryPassword: string };

// Server action: invite a user (admins only); the temporary password is answered once.
export const inviteUserAction = async (_previous: TActionState<TInvitedUser>, form: FormData): Promise<TActionState<TInvitedUser>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const { email, temporaryPassword } = await inviteUser({
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      role: String(form.get("role") ?? ""),
      actor: actorLabel(admin),
    });
    revalidatePath("/settings");
    return { email, temporaryPassword };
  });

// Server action: lift the sign-in lock on an email (admins only).
export const liftLoginLockAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const email = String(form.get("email") ?? "");
    const { lifted } = await liftLoginLock(email);
    await recordEvent({
      kind: "admin.action",
      message: `Sign-in lock on ${email} lifted (${lifted} counter(s) cleared)`,
      actor: actorLabel(admin),
    });
    revalidatePath("/settings");
    return {};
  });

// Server action: change a user's role, or disable / enable them (admins only).
export const updateUserAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const change = String(form.get("change") ?? "");
    await updateUser({
      userId: String(form.get("userId") ?? ""),
      ...(change === "role" ? { role: String(form.get("role") ?? "") } : { isDisabled: change === "disable" }),
      actor: { id: admin.id, label: actorLabel(admin) },
    });
    revalidatePath("/settings");
    return {};
  });
