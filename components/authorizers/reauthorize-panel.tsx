"use client";

import { useActionState } from "react";
import { IDLE } from "@/app/(admin)/_actions/action-state";
import { createInvitation } from "@/app/(admin)/_actions/invitations";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import { InvitationResult } from "../invite/invitation-result";
import { Alert } from "../ui/alert";
import { buttonStyles } from "../ui/styles";
import { PlatformInput } from "../ui/platform-input";

/** Re-authorize: an invitation only this appid can use, with its link, phone QR code and PC button. */
export function ReauthorizePanel({
  appid,
  kind,
  platform,
  t,
  locale,
}: {
  appid: string;
  kind: string;
  /** An added platform's component appid: the invitation is for that platform. */
  platform?: string;
  t: TDictionary;
  locale: TLocale;
}) {
  const [state, action, isPending] = useActionState(createInvitation, IDLE);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t.detail.reauthorizeHelp}</p>
      {state.status === "done" ? (
        <InvitationResult invitation={state} t={t} locale={locale} />
      ) : (
        <form action={action}>
          <input type="hidden" name="bizAppid" value={appid} />
          <PlatformInput platform={platform} />
          <input type="hidden" name="authType" value={kind === "mini_program" ? 2 : 1} />
          <button type="submit" disabled={isPending} className={buttonStyles.secondary}>
            {t.detail.createReauthorization}
          </button>
        </form>
      )}
      {state.status === "error" && (
        <Alert tone="danger" role="alert">
          {state.message}
        </Alert>
      )}
    </div>
  );
}
