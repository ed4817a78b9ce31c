"use client";

import type { TInvitation } from "@/app/(admin)/_actions/invitations";
import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import { formatDateTime } from "@/lib/i18n/format";
import type { TLocale } from "@/lib/i18n/locale";
import { QrImage } from "../ui/qr-code";
import { buttonStyles } from "../ui/styles";
import { CopyButton } from "./copy-button";

/** The created invitation: link to send, QR code of the phone link, and a button that opens WeChat's PC page from here. */
export function InvitationResult({ invitation, t, locale }: { invitation: TInvitation; t: TDictionary; locale: TLocale }) {
  return (
    <section aria-labelledby="invitation-title" className="rounded-xl border border-brand-100 bg-brand-50/50 p-4 sm:p-5">
      <h2 id="invitation-title" className="text-sm font-semibold text-brand-700">
        {t.invite.resultTitle}
      </h2>
      <div className="mt-3 flex flex-col gap-5 sm:flex-row">
        <QrImage svg={invitation.qrSvg} label={t.invite.qrcode} size={168} />
        <div className="min-w-0 flex-1 space-y-3">
          <div className="space-y-1">
            <label htmlFor="invite-url" className="block text-xs font-medium text-slate-600">
              {t.invite.link}
            </label>
            <input
              id="invite-url"
              readOnly
              value={invitation.inviteUrl}
              onFocus={(event) => event.currentTarget.select()}
              className="block w-full rounded-lg border-0 bg-white px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-inset ring-slate-300"
            />
            <p className="text-xs text-slate-500">{t.invite.linkHelp}</p>
            <p className="text-xs text-slate-500">{fill(t.invite.expiresAt, { time: formatDateTime(invitation.expiresAt, locale) })}</p>
          </div>
          <div className="flex flex-wrap gap-2">
            {/* A POST from this page: WeChat's PC page checks that the Referer is on our domain. */}
            <form method="post" action={invitation.pcPath} target="_self">
              <button type="submit" className={buttonStyles.primary}>
                {t.invite.openPc}
              </button>
            </form>
            <CopyButton value={invitation.inviteUrl} label={t.common.copy} copiedLabel={t.common.copied} />
          </div>
        </div>
      </div>
    </section>
  );
}
