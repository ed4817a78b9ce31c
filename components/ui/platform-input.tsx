/** A filter form's hidden ?platform= (dashboard-platform.ts): a search keeps the chosen platform. Nothing for the default one. */
export function PlatformInput({ platform }: { platform?: string }) {
  return platform ? <input type="hidden" name="platform" value={platform} /> : null;
}
