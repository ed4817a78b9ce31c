"use server";

import { revalidatePath } from "next/cache";
import { qrSvg } from "@/components/ui/qr-svg";
import { actorLabel, requireAdmin, requireSignedIn, requireUser } from "@/lib/auth/session";
import { formText } from "@/lib/http/nul-text";
import { confirmSecondFactorSetup } from "@/lib/platform/users/confirm-second-factor-setup";
import { disableSecondFactor } from "@/lib/platform/users/disable-second-factor";
import { resetSecondFactor } from "@/lib/platform/users/reset-second-factor";
import { setSecondFactorRequirement } from "@/lib/platform/users/set-second-factor-requirement";
import { startSecondFactorSetup } from "@/lib/platform/users/start-second-factor-setup";
import type { TActionState } from "./action-state";
import { runAction } from "./run-action";

// Server actions of the second factor. Its setup is open to a signed-in user who must set one up before anything
// else (requireSignedIn); everything else goes through requireUser / requireAdmin like every other action.

export type TSecondFactorSetup = { secret: string; qrSvg: string };

// Server action: start setting up a second factor; answers the new secret and its QR code (drawn here).
export const startSecondFactorSetupAction = async (
  _previous: TActionState<TSecondFactorSetup>,
  _form: FormData,
): Promise<TActionState<TSecondFactorSetup>> =>
  runAction(async () => {
    const user = await requireSignedIn();
    const { secret, uri } = await startSecondFactorSetup({ userId: user.id });
    return { secret, qrSvg: await qrSvg(uri) };
  });

export type TRecoveryCodes = { recoveryCodes: string[] };

// Server action: confirm the setup with a first code; answers the recovery codes, the only time they are shown.
export const confirmSecondFactorSetupAction = async (
  _previous: TActionState<TRecoveryCodes>,
  form: FormData,
): Promise<TActionState<TRecoveryCodes>> =>
  runAction(async () => {
    const user = await requireSignedIn();
    return confirmSecondFactorSetup({ userId: user.id, code: formText(form, "code") });
  });

// Server action: turn one's own second factor off (a current code, a recovery code or the password required).
export const disableSecondFactorAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> =>
  runAction(async () => {
    const user = await requireUser();
    // The proof may be the password: taken as typed, like every password field.
    await disableSecondFactor({ userId: user.id, proof: String(form.get("proof") ?? "") });
    revalidatePath("/account");
    return {};
  });

// Server action: remove another user's second factor (admins only); their sessions end.
export const resetSecondFactorAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    await resetSecondFactor({ userId: formText(form, "userId"), actor: actorLabel(admin), actorUserId: admin.id });
    revalidatePath("/settings");
    return {};
  });

// Server action: require a second factor of every user, or stop requiring it (admins only).
export const setSecondFactorRequirementAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    await setSecondFactorRequirement({ isRequired: form.get("required") === "true", actor: { id: admin.id, label: actorLabel(admin) } });
    revalidatePath("/settings");
    return {};
  });
