import { Bilingual } from "./authorize-shell";

type TUnavailable = { code: string; message: string; details?: Record<string, unknown> };

const HEADINGS: Record<string, { zh: string; en: string }> = {
  not_found: { zh: "找不到这个授权链接", en: "This authorization link was not found" },
  gone: { zh: "这个授权链接已失效", en: "This authorization link can no longer be used" },
};

/** An invitation that is unknown, expired or used: what happened and what to do, never a stack trace. */
export function InvitationUnavailable({ error }: { error: TUnavailable }) {
  const heading = HEADINGS[error.code] ?? HEADINGS.not_found;
  const zh = typeof error.details?.zh === "string" ? error.details.zh : "请联系平台运营方获取新的授权链接。";
  return (
    <section role="alert" className="rounded-2xl border border-amber-200 bg-white p-8 shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">
        <Bilingual zh={heading.zh} en={heading.en} />
      </h1>
      <p className="mt-4 text-slate-700">{zh}</p>
      <p lang="en" className="mt-1 text-sm text-slate-500">
        {error.message}
      </p>
    </section>
  );
}
