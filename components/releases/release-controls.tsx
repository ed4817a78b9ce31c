"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { changeReleaseAction } from "@/app/(admin)/_actions/releases";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import type { TLocale } from "@/lib/i18n/locale";
import { ConfirmedAction } from "../mini-programs/confirmed-action";

type TWords = TDictionary["releases"];

/** Redraws the campaign page every 2 seconds while it can still change, so its counts move live. */
export function AutoRefresh({ isLive, label }: { isLive: boolean; label: string }) {
  const router = useRouter();
  useEffect(() => {
    if (!isLive) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [isLive, router]);
  return isLive ? <span className="text-xs text-slate-500">{label}</span> : null;
}

/** Pause / resume / cancel / retry failed, as the campaign's status and failures allow. */
export function ReleaseControls({
  id,
  status,
  failed,
  platform,
  t,
  locale,
}: {
  id: string;
  status: string;
  failed: number;
  platform?: string;
  t: TWords;
  locale: TLocale;
}) {
  const change = (name: string) => ({ action: changeReleaseAction, fields: { id, change: name, platform }, cancelLabel: t.back, locale });
  return (
    <div className="flex flex-wrap gap-2">
      {status === "running" && <ConfirmedAction {...change("pause")} label={t.pause} />}
      {status === "paused" && <ConfirmedAction {...change("resume")} label={t.resume} />}
      {failed > 0 && status !== "cancelled" && <ConfirmedAction {...change("retry-failed")} label={t.retryFailed} />}
      {(status === "running" || status === "paused") && (
        <ConfirmedAction {...change("cancel")} label={t.cancel} confirmLabel={t.confirmCancel} tone="danger" />
      )}
    </div>
  );
}
