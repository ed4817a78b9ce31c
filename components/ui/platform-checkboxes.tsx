/**
 * A form's choice of platforms (an API key's, a forwarding rule's), shown only when the deployment has more than one:
 * one `platforms` box per platform; none ticked means every platform, those added later included.
 */
export function PlatformCheckboxes({
  platforms,
  legend,
  hint,
  className,
}: {
  platforms: { componentAppid: string; name: string }[];
  legend: string;
  hint?: string;
  className?: string;
}) {
  if (platforms.length < 2) return null;
  return (
    <fieldset className={className}>
      <legend className="text-xs text-slate-600">{legend}</legend>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {platforms.map((platform) => (
          <label key={platform.componentAppid} className="flex items-center gap-1.5 text-sm text-slate-700">
            <input type="checkbox" name="platforms" value={platform.componentAppid} />
            {platform.name} <span className="font-mono text-xs text-slate-500">{platform.componentAppid}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
