"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import { formatDateTime } from "@/lib/i18n/format";
import type { TLocale } from "@/lib/i18n/locale";
import { Alert } from "../ui/alert";
import { buttonStyles } from "../ui/styles";

/** Admins' Force refresh: POST /api/admin/authorizers/:appid/refresh (the server checks the role), then shows the new expiry. */
export function ForceRefreshButton({
  appid,
  platformQuery = "",
  t,
  locale,
}: {
  appid: string;
  /** "?platform=…" for an added platform's authorization. */
  platformQuery?: string;
  t: Pick<TDictionary, "detail">;
  locale: TLocale;
}) {
  const router = useRouter();
  const [isPending, setPending] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "danger"; text: string }>();
  const refresh = async () => {
    setPending(true);
    setResult(undefined);
    try {
      const response = await fetch(`/api/admin/authorizers/${encodeURIComponent(appid)}/refresh${platformQuery}`, { method: "POST" });
      const body = (await response.json().catch(() => ({}))) as { expiresAt?: string; error?: { message?: string } };
      if (response.ok && body.expiresAt) {
        setResult({ tone: "success", text: fill(t.detail.refreshed, { time: formatDateTime(body.expiresAt, locale) }) });
        router.refresh();
      } else {
        setResult({ tone: "danger", text: fill(t.detail.refreshError, { message: body.error?.message ?? `HTTP ${response.status}` }) });
      }
    } catch (error) {
      setResult({ tone: "danger", text: fill(t.detail.refreshError, { message: (error as Error).message }) });
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="space-y-3">
      <button type="button" onClick={() => void refresh()} disabled={isPending} className={buttonStyles.primary}>
        {isPending ? t.detail.forceRefreshing : t.detail.forceRefresh}
      </button>
      {result && (
        <Alert tone={result.tone} role={result.tone === "danger" ? "alert" : "status"}>
          {result.text}
        </Alert>
      )}
    </div>
  );
}
