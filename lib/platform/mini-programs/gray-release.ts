import { AppError } from "../../errors";
import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import { callCodeApi } from "./call-code-api";
import { requireCodeAccess } from "./code-access";
import { readCodeState, saveCodeState } from "./code-state";
import { recordCodeEvent } from "./record-code-event";

// POST …/code/gray-release (admins): the passed version goes to `percentage` % of users first; each later call must
// raise the percentage (85082), and a plain release finishes it.

export const grayRelease = async ({ ref, percentage, actor }: { ref: TAuthorizerRef; percentage: number; actor: string }) => {
  if (!Number.isInteger(percentage) || percentage < 1 || percentage > 100)
    throw new AppError("bad_request", "percentage is a whole number from 1 to 100.");
  const access = await requireCodeAccess(ref);
  await callCodeApi({ target: access.target, path: "wxa/grayrelease", body: { gray_percentage: percentage }, actor });
  const row = await readCodeState(ref);
  await recordCodeEvent(ref, "gray_release", `Gray release of version ${row?.auditVersion ?? "?"} to ${percentage}%`, actor, {
    percentage,
  });
  return saveCodeState(ref, { grayPercentage: percentage });
};
