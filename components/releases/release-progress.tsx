import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import { isFinalState, TARGET_STATES, type TTargetState } from "@/lib/platform/releases/release-vocabulary";

// A campaign's progress, drawn: one stacked bar of every state, then a bar per state with its count.

export const STATUS_TONES = { running: "blue", paused: "amber", cancelled: "slate", completed: "green" } as const;

export const STATE_COLORS: Record<TTargetState, string> = {
  queued: "bg-slate-300",
  committing: "bg-sky-300",
  committed: "bg-sky-400",
  waiting_for_quota: "bg-amber-400",
  submitting: "bg-indigo-300",
  in_review: "bg-indigo-500",
  delayed: "bg-amber-600",
  passed: "bg-emerald-400",
  releasing: "bg-emerald-500",
  released: "bg-brand-600",
  rejected: "bg-red-500",
  failed: "bg-red-700",
  cancelled: "bg-slate-500",
};

export function ReleaseProgress({
  counts,
  total,
  campaign,
  t,
}: {
  counts: Record<TTargetState, number>;
  total: number;
  campaign: { isSubmitAudit: boolean; isAutoRelease: boolean };
  t: TDictionary["releases"];
}) {
  const done = TARGET_STATES.filter((state) => isFinalState(state, campaign)).reduce((sum, state) => sum + counts[state], 0);
  const share = (count: number) => `${(count / Math.max(1, total)) * 100}%`;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700" data-testid="release-done">
        {fill(t.counts, { done, total })}
      </p>
      <div className="flex h-3 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        {TARGET_STATES.map((state) =>
          counts[state] > 0 ? (
            <div key={state} className={STATE_COLORS[state]} style={{ width: share(counts[state]) }} title={t.state[state]} />
          ) : null,
        )}
      </div>
      <ul className="space-y-1.5">
        {TARGET_STATES.filter((state) => counts[state] > 0).map((state) => (
          <li key={state} className="grid grid-cols-[10rem_1fr_3rem] items-center gap-3 text-sm" data-testid={`state-${state}`}>
            <span className="text-slate-700">{t.state[state]}</span>
            <span className="h-2 overflow-hidden rounded-full bg-slate-100">
              <span className={`block h-full ${STATE_COLORS[state]}`} style={{ width: share(counts[state]) }} />
            </span>
            <span className="text-right font-mono text-slate-900">{counts[state]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
