import { liftLoginLockAction } from "@/app/(admin)/_actions/users";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import { ActionButton } from "../ui/action-button";

/** Lifts the sign-in lock on one email (every address it was locked from). */
export function LiftLoginLockButton({ email, t }: { email: string; t: TDictionary }) {
  return (
    <ActionButton
      action={liftLoginLockAction}
      fields={{ email }}
      label={t.settings.liftLock}
      ariaLabel={`${t.settings.liftLock}: ${email}`}
    />
  );
}
