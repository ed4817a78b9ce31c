import { CONSOLE_SETTINGS_ID, hasSecondFactor } from "../../auth/second-factor";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { recordEvent } from "../activity/record-event";

export type SetSecondFactorRequirementOptions = { isRequired: boolean; actor: { id: string; label: string } };

/**
 * An admin requires (or stops requiring) a second factor of every user. Users without one are then sent to set it up
 * at their next request. The admin who switches it on must have one already, so they are not the first one sent away.
 */
export const setSecondFactorRequirement = async ({ isRequired, actor }: SetSecondFactorRequirementOptions) => {
  if (isRequired && !(await hasSecondFactor(actor.id)))
    throw new AppError("conflict", "Set up your own second factor on the Account page first, then require one of everybody.");
  await getDb().$transaction(async (transaction) => {
    await transaction.consoleSettings.upsert({
      where: { id: CONSOLE_SETTINGS_ID },
      create: { id: CONSOLE_SETTINGS_ID, requireSecondFactor: isRequired, updatedBy: actor.label },
      update: { requireSecondFactor: isRequired, updatedBy: actor.label },
    });
    await recordEvent(
      {
        kind: "admin.action",
        message: isRequired ? "A second factor is now required of every user" : "A second factor is no longer required",
        detail: { action: "settings.require_second_factor", isRequired },
        actor: actor.label,
      },
      transaction,
    );
  });
};
