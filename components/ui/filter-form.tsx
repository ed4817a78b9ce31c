import Link from "next/link";
import { cn } from "./cn";
import { buttonStyles } from "./styles";

/** Reset (a link to the unfiltered page) and Apply, at the end of a filter form. */
export function FilterActions({
  resetHref,
  resetLabel,
  applyLabel,
  className,
}: {
  resetHref: string;
  resetLabel: string;
  applyLabel: string;
  className?: string;
}) {
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
