import { cn } from "./cn";

const TONES = {
  info: "border-sky-200 bg-sky-50 text-sky-900",
  success: "border-brand-100 bg-brand-50 text-brand-700",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  danger: "border-red-300 bg-red-50 text-red-800",
} as const;

export function Alert({
  tone = "info",
  title,
  children,
  role,
}: {
  tone?: keyof typeof TONES;
  title?: React.ReactNode;
  children?: React.ReactNode;
  role?: "alert" | "status";
}) {
  return (
    <div role={role} className={cn("rounded-lg border px-4 py-3 text-sm", TONES[tone])}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={cn(title ? "mt-1" : "")}>{children}</div>}
    </div>
  );
}
