import { cn } from "./cn";
import { labelStyles } from "./styles";

/** A label above one form control. */
export function Field({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className={labelStyles}>
        {label}
      </label>
      {children}
    </div>
  );
}
