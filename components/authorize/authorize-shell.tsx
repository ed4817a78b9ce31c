import type { ReactNode } from "react";

/** The frame of every page a merchant sees: plain, calm, branded, no navigation to anything internal. */
export function AuthorizeShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center gap-3 px-5 py-4">
          <span aria-hidden="true" className="grid size-8 place-items-center rounded-lg bg-brand-500 text-sm font-bold text-white">
            wx
          </span>
          <div className="leading-tight">
            <p className="text-sm font-semibold text-slate-900">公众号 / 小程序授权</p>
            <p className="text-xs text-slate-500">WeChat account authorization</p>
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-3xl flex-1 px-5 py-8">{children}</main>
      <footer className="mx-auto w-full max-w-3xl px-5 pb-8 text-xs leading-relaxed text-slate-400">
        <p>授权在微信官方页面完成，本页面不会要求您输入微信密码。</p>
        <p>You confirm the authorization on WeChat&apos;s own page; this site never asks for your WeChat password.</p>
      </footer>
    </div>
  );
}

/** A label in Chinese with its English under it. */
export function Bilingual({
  zh,
  en,
  className = "",
  enClassName = "",
}: {
  zh: ReactNode;
  en: ReactNode;
  className?: string;
  enClassName?: string;
}) {
  return (
    <span className={`block ${className}`}>
      <span className="block">{zh}</span>
      <span lang="en" className={`block text-[0.8em] font-normal text-slate-500 ${enClassName}`}>
        {en}
      </span>
    </span>
  );
}
