import type { TAuthorizationInvitation } from "@/lib/platform/authorization/get-authorization-invitation";
import { Bilingual } from "./authorize-shell";
import { MobileQrCode } from "./mobile-qr-code";
import { ScopeList } from "./scope-list";

const formatDate = (date: Date) =>
  new Intl.DateTimeFormat("zh-CN", { dateStyle: "long", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(date);

/** The merchant's invitation: who asks for what, until when, and the two ways to authorize. */
export function InvitationView({ invitation }: { invitation: TAuthorizationInvitation }) {
  return (
    <div className="space-y-6">
      <section className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold text-slate-900">
          <Bilingual zh="授权第三方平台管理您的帐号" en="Authorize a third-party platform to manage your account" />
        </h1>
        <dl className="mt-6 grid gap-4 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-500">
            <Bilingual zh="申请方（第三方平台）" en="Requested by (platform)" />
          </dt>
          <dd className="font-mono text-slate-900">{invitation.componentAppid}</dd>
          <dt className="text-slate-500">
            <Bilingual zh="可授权的帐号类型" en="Account types" />
          </dt>
          <dd className="flex flex-wrap gap-2">
            {invitation.accountKinds.map((kind) => (
              <span key={kind.en} className="rounded-full bg-brand-50 px-3 py-1 text-brand-700">
                {kind.zh}{" "}
                <span lang="en" className="text-xs text-brand-600">
                  {kind.en}
                </span>
              </span>
            ))}
          </dd>
          {invitation.bizAppid ? (
            <>
              <dt className="text-slate-500">
                <Bilingual zh="指定帐号" en="Only this account" />
              </dt>
              <dd className="font-mono text-slate-900">{invitation.bizAppid}</dd>
            </>
          ) : null}
          <dt className="text-slate-500">
            <Bilingual zh="链接有效期至" en="Link valid until" />
          </dt>
          <dd className="text-slate-900">
            <time dateTime={invitation.expiresAt.toISOString()}>{formatDate(invitation.expiresAt)}</time>
            <span className="ml-2 text-xs text-slate-500">(北京时间 Beijing time)</span>
          </dd>
        </dl>
        <h2 className="mt-8 text-base font-semibold text-slate-900">
          <Bilingual zh="申请的权限" en="Permissions requested" />
        </h2>
        <div className="mt-3">
          {invitation.scopes.length ? (
            <ScopeList scopes={invitation.scopes} label="申请的权限 Permissions requested" />
          ) : (
            <p className="text-sm text-slate-600">
              <Bilingual
                zh="平台已开通的全部权限集（微信会在授权页逐项列出，您可以取消勾选）。"
                en="Every permission set the platform offers; WeChat lists each on its page, and you may untick any."
              />
            </p>
          )}
        </div>
      </section>

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="authorize-pc" className="flex flex-col rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="authorize-pc" className="text-lg font-semibold text-slate-900">
            <Bilingual zh="在电脑上授权" en="Authorize on this computer" />
          </h2>
          <p className="mt-2 flex-1 text-sm text-slate-600">
            <Bilingual
              zh="打开微信授权页，用帐号管理员的微信扫码确认。"
              en="Opens WeChat's authorization page; the account administrator scans its QR code with WeChat to confirm."
            />
          </p>
          <form method="post" action={invitation.pcPath} className="mt-6">
            <button
              type="submit"
              className="w-full rounded-lg bg-brand-500 px-5 py-3 text-base font-medium text-white shadow-sm transition hover:bg-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
            >
              电脑端授权 Authorize on PC
            </button>
          </form>
        </section>

        <section aria-labelledby="authorize-mobile" className="flex flex-col rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="authorize-mobile" className="text-lg font-semibold text-slate-900">
            <Bilingual zh="在手机上授权" en="Authorize on the phone" />
          </h2>
          <p className="mt-2 text-sm text-slate-600">
            <Bilingual
              zh="管理员用微信扫描二维码，在手机上确认授权。"
              en="The administrator scans this code with WeChat and confirms on the phone."
            />
          </p>
          <div className="mt-4 flex justify-center">
            <MobileQrCode url={invitation.mobileUrl} label="用微信扫码授权 QR code: scan with WeChat to authorize" />
          </div>
          <p className="mt-4 text-center text-sm">
            <a href={invitation.mobileUrl} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600">
              已在微信中打开？点此授权 · Already in WeChat? Authorize here
            </a>
          </p>
        </section>
      </div>
    </div>
  );
}
