import Link from "next/link";
import type { TDictionary } from "@/lib/i18n/dictionaries";
import type { TReleaseCheckStepStatus } from "@/lib/platform/messages/get-release-check-status";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { RelativeTime } from "../ui/relative-time";

/** WeChat's release check, one row per step: the last outcome wxopen saw, when, and for which test account. */
export function ReleaseCheckCard({ steps, t, serverNow }: { steps: TReleaseCheckStepStatus[]; t: TDictionary; serverNow: number }) {
  const passed = steps.filter((step) => step.last?.ok).length;
  return (
    <Card
      id="release-check"
      title={t.releaseCheck.title}
      description={t.releaseCheck.description}
      actions={
        <Badge tone={passed === steps.length ? "green" : "amber"}>
          {passed}/{steps.length}
        </Badge>
      }
    >
      <ol className="divide-y divide-slate-100">
        {steps.map(({ step, last }) => (
          <li
            key={step}
            data-testid="release-check-step"
            data-step={step}
            data-ok={last ? String(last.ok) : "none"}
            className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2.5"
          >
            <span className="min-w-0 text-sm text-slate-800">{t.releaseCheck.steps[step]}</span>
            <span className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
              {last ? (
                <>
                  {last.appid && (
                    <Link href={`/authorizers/${last.appid}`} className="font-mono hover:text-brand-700 hover:underline">
                      {last.appid}
                    </Link>
                  )}
                  <RelativeTime value={last.at.toISOString()} words={{ time: t.time }} serverNow={serverNow} />
                  <Badge tone={last.ok ? "green" : "red"} title={last.message}>
                    {last.ok ? t.releaseCheck.pass : t.releaseCheck.fail}
                    {last.errcode !== null && ` ${last.errcode}`}
                  </Badge>
                </>
              ) : (
                <Badge>{t.releaseCheck.never}</Badge>
              )}
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
