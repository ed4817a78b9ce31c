import Link from "next/link";
import { cn } from "./cn";
import { buttonStyles, labelStyles } from "./styles";

/** One labelled control of a filter form. */
export function FilterField({ id, label, className, children }: { id: string; label: React.ReactNode; className?: string; children: React.ReactNode }) {
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className={labelStyles}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** Reset (a link to the unfiltered page) and Apply, at the end of a filter form. */
export function FilterActions({ resetHref, resetLabel, applyLabel, className }: { resetHref: string; resetLabel: string; applyLabel: string; className?: string }) {
  return (
    <div className={cn("col-span-2 flex gap-2 md:justify-end", className)}>
      <Link href={resetHref} className={buttonStyles.secondary}>
        {resetLabel}
      </Link>
      <button type="submit" className={buttonStyles.primary}>
        {applyLabel}
      </button>
    </div>
  );
}
