"use client";

import { useActionState } from "react";
import { IDLE } from "@/app/(admin)/_actions/action-state";
import { resetSecondFactorAction } from "@/app/(admin)/_actions/second-factor";
import { resetPasswordAction, updateUserAction } from "@/app/(admin)/_actions/users";
import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import { ActionButton } from "../ui/action-button";
import { buttonStyles } from "../ui/styles";

/** A user's role select, disable / enable, password and second-factor resets; the server refuses non-admins and self-demotion. */
export function UserActions({
  user,
  isSelf,
  t,
}: {
  user: { id: string; email: string; role: string; isDisabled: boolean; hasSecondFactor: boolean };
  isSelf: boolean;
  t: TDictionary;
}) {
  const [state, action, isPending] = useActionState(updateUserAction, IDLE);
  const [reset, resetAction, isResetting] = useActionState(resetPasswordAction, IDLE);
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <form action={action} className="flex items-center gap-1.5">
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="change" value="role" />
          <select
            name="role"
            defaultValue={user.role}
            aria-label={`${t.settings.changeRole}: ${user.email}`}
            disabled={isSelf || isPending}
            className="rounded-md border-0 py-1 pl-2 pr-7 text-xs ring-1 ring-inset ring-slate-300"
          >
            <option value="operator">{t.roles.operator}</option>
            <option value="admin">{t.roles.admin}</option>
          </select>
          <button type="submit" disabled={isSelf || isPending} className={buttonStyles.small}>
            {t.settings.saveRole}
          </button>
        </form>
        <form action={action}>
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="change" value={user.isDisabled ? "enable" : "disable"} />
          <button
            type="submit"
            disabled={isSelf || isPending}
            aria-label={`${user.isDisabled ? t.settings.enable : t.settings.disable}: ${user.email}`}
            className={user.isDisabled ? buttonStyles.small : `${buttonStyles.small} text-red-700 ring-red-200 hover:bg-red-50`}
          >
            {user.isDisabled ? t.settings.enable : t.settings.disable}
          </button>
        </form>
        {!isSelf && (
          <form action={resetAction}>
            <input type="hidden" name="userId" value={user.id} />
            <button
              type="submit"
              disabled={isResetting}
              aria-label={`${t.settings.resetPassword}: ${user.email}`}
              className={buttonStyles.small}
            >
              {t.settings.resetPassword}
            </button>
          </form>
        )}
        {!isSelf && user.hasSecondFactor && (
          <ActionButton
            action={resetSecondFactorAction}
            fields={{ userId: user.id }}
            label={t.settings.resetSecondFactor}
            ariaLabel={`${t.settings.resetSecondFactor}: ${user.email}`}
          />
        )}
      </div>
      {[state, reset].map(
        (result, index) =>
          result.status === "error" && (
            <p key={index} role="alert" className="text-xs text-red-700">
              {result.message}
            </p>
          ),
      )}
      {reset.status === "done" && (
        <p role="status" className="max-w-md text-xs text-slate-600">
          {fill(t.settings.resetDone, { email: reset.email })}{" "}
          <code aria-label={`${t.settings.passwordLink}: ${reset.email}`} className="block break-all font-mono text-slate-900">
            {reset.link}
          </code>
        </p>
      )}
    </div>
  );
}
