import type { getAuthorizationOutcome } from "@/lib/platform/authorization/get-authorization-outcome";
import { Bilingual } from "./authorize-shell";
import { ScopeList } from "./scope-list";

type TOutcome = NonNullable<Awaited<ReturnType<typeof getAuthorizationOutcome>>>;

const KIND_LABELS: Record<string, { zh: string; en: string }> = {
  official_account: { zh: "公众号", en: "Official account" },
  mini_program: { zh: "小程序", en: "Mini program" },
};

/** The success page: the account's avatar and name, and what it granted. */
export function AuthorizationComplete({ outcome }: { outcome: TOutcome }) {
  const kind = KIND_LABELS[outcome.kind] ?? KIND_LABELS.official_account;
  const name = outcome.nickName || outcome.appid;
  return (
    <section className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <div className="flex items-center gap-3 text-brand-600">
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-8 fill-current">
          <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1.3 14.3-4-4 1.4-1.4 2.6 2.6 5.6-5.6 1.4 1.4-7 7Z" />
        </svg>
        <h1 className="text-2xl font-semibold text-slate-900">
          <Bilingual zh="授权成功" en="Authorization complete" />
        </h1>
      </div>
      <div className="mt-6 flex items-center gap-4 rounded-xl bg-slate-50 p-4">
        {outcome.headImg ? (
          // eslint-disable-next-line @next/next/no-img-element -- WeChat's avatar host is not configured for next/image
          <img
            src={outcome.headImg}
            alt={`${name} 头像 avatar`}
            width={64}
            height={64}
            className="size-16 rounded-full border border-slate-200 bg-white"
          />
        ) : null}
        <div>
          <p className="text-lg font-semibold text-slate-900">{name}</p>
          <p className="text-sm text-slate-500">
            {kind.zh} · <span lang="en">{kind.en}</span> · <span className="font-mono">{outcome.appid}</span>
          </p>
          {outcome.principalName ? <p className="text-sm text-slate-500">{outcome.principalName}</p> : null}
        </div>
      </div>
      <h2 className="mt-8 text-base font-semibold text-slate-900">
        <Bilingual zh="已授予的权限" en="Permissions granted" />
      </h2>
      <div className="mt-3">
        <ScopeList scopes={outcome.scopes} label="已授予的权限 Permissions granted" />
      </div>
      <p className="mt-8 text-sm text-slate-600">
        <Bilingual
          zh="您可以关闭此页面。如需取消授权，可随时在微信公众平台的「设置 - 授权管理」中操作。"
          en="You can close this page. To cancel later, use Settings → Authorization management in the WeChat Official Accounts Platform."
        />
      </p>
    </section>
  );
}
