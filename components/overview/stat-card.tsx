import Link from "next/link";
import { cn } from "../ui/cn";

/** One number or state on the overview, with a coloured accent and an optional link to the detail. */
export function StatCard({
  label,
  children,
  footer,
  href,
  tone = "slate",
}: {
  label: string;
  children: React.ReactNode;
  footer?: React.ReactNode;
  href?: string;
  tone?: "green" | "amber" | "red" | "slate";
}) {
  const accent = { green: "bg-brand-500", amber: "bg-amber-500", red: "bg-red-500", slate: "bg-slate-300" }[tone];
  const body = (
    <>
      <span aria-hidden="true" className={cn("absolute inset-y-0 left-0 w-1 rounded-l-xl", accent)} />
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <div className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{children}</div>
      {footer && <div className="mt-1 text-xs text-slate-500">{footer}</div>}
    </>
  );
  const className = "relative block overflow-hidden rounded-xl border border-slate-200 bg-white px-5 py-4 shadow-sm";
  return href ? (
    <Link href={href} className={cn(className, "transition hover:border-brand-500/40 hover:shadow")}>
      {body}
    </Link>
  ) : (
    <section className={className}>{body}</section>
  );
}
