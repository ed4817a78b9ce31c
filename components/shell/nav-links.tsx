"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useRef } from "react";
import { cn } from "../ui/cn";

export type TNavItem = { href: string; label: string };

const isActive = (pathname: string, href: string) => pathname === href || pathname.startsWith(`${href}/`);

/** The main navigation: a row of links from md up, a menu button below it (375 px phones). */
export function NavLinks({ items, menuLabel, navLabel }: { items: TNavItem[]; menuLabel: string; navLabel: string }) {
  const pathname = usePathname();
  // The chosen platform (?platform=) goes with every link, so switching pages keeps it.
  const platform = useSearchParams().get("platform");
  const menu = useRef<HTMLDetailsElement>(null);
  const link = (item: TNavItem, variant: "bar" | "menu") => (
    <Link
      key={item.href}
      href={platform ? `${item.href}?platform=${encodeURIComponent(platform)}` : item.href}
      aria-current={isActive(pathname, item.href) ? "page" : undefined}
      onClick={() => menu.current?.removeAttribute("open")}
      className={cn(
        variant === "bar" ? "rounded-md px-3 py-1.5 text-sm font-medium" : "block rounded-md px-3 py-2 text-sm font-medium",
        isActive(pathname, item.href) ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
      )}
    >
      {item.label}
    </Link>
  );
  return (
    <>
      <nav aria-label={navLabel} className="hidden items-center gap-1 md:flex">
        {items.map((item) => link(item, "bar"))}
      </nav>
      <details ref={menu} className="relative md:hidden">
        <summary className="flex cursor-pointer list-none items-center gap-1 whitespace-nowrap rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 [&::-webkit-details-marker]:hidden">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
            <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
          </svg>
          {menuLabel}
        </summary>
        <nav aria-label={navLabel} className="absolute left-0 z-20 mt-2 w-56 rounded-lg border border-slate-200 bg-white p-1.5 shadow-lg">
          {items.map((item) => link(item, "menu"))}
        </nav>
      </details>
    </>
  );
}
