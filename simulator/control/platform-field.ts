import { escapeHtml } from "../pages/html";
import type { TSimulator } from "../simulator-types";

/** The index page forms' platform picker (posted as componentAppid); nothing while the primary platform is the only one. */
export const platformField = (simulator: TSimulator) => {
  const platforms = simulator.platforms();
  if (platforms.length < 2) return "";
  const options = platforms
    .map(
      ({ componentAppid, isPrimary }) =>
        `<option value="${escapeHtml(componentAppid)}">${escapeHtml(componentAppid)}${isPrimary ? " (primary)" : ""}</option>`,
    )
    .join("");
  return `<label>平台 Platform<select name="componentAppid">${options}</select></label>`;
};
