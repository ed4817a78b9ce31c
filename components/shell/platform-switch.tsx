"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

export type TPlatformChoice = { componentAppid: string; name: string; isDefault: boolean; isEnabled: boolean };

/**
 * The header's platform switcher (shown when the deployment has more than one): the choice goes into the URL's
 * ?platform=, so every page shows that platform's data and a copied link shows the same. A page's cursor is dropped.
 */
export function PlatformSwitch({
  platforms,
  label,
  disabledLabel,
}: {
  platforms: TPlatformChoice[];
  label: string;
  disabledLabel: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const current = searchParams.get("platform") ?? platforms.find((platform) => platform.isDefault)?.componentAppid ?? "";
  const choose = (componentAppid: string) => {
    const next = new URLSearchParams(searchParams);
    next.delete("cursor");
    const chosen = platforms.find((platform) => platform.componentAppid === componentAppid);
    if (!chosen || chosen.isDefault) next.delete("platform");
    else next.set("platform", componentAppid);
    const search = next.toString();
    router.push(search ? `${pathname}?${search}` : pathname);
  };
  return (
    <label className="flex items-center gap-1.5 text-sm text-slate-600">
      <span className="sr-only sm:not-sr-only">{label}</span>
      <select
        value={current}
        onChange={(event) => choose(event.target.value)}
        className="max-w-40 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800 sm:max-w-56"
      >
        {platforms.map((platform) => (
          <option key={platform.componentAppid} value={platform.componentAppid}>
            {platform.name} ({platform.componentAppid}){platform.isEnabled ? "" : ` · ${disabledLabel}`}
          </option>
        ))}
      </select>
    </label>
  );
}
