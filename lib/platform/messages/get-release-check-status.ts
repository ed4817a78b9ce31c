import { getDb, type Prisma } from "../../db";
import { RELEASE_CHECK_ACCOUNTS } from "../../wechat/release-check";
import { DEFAULT_PLATFORM_KEY, platformFilter } from "../platforms/platform-key";

// The overview's release-check card: for each step of WeChat's checker (§10.2), the last time wxopen saw it and
// whether it went right, read from the event log (each step already leaves an event there).

export const RELEASE_CHECK_STEPS = ["ticket", "authorization", "text", "api_text", "event", "cancellation"] as const;
export type TReleaseCheckStep = (typeof RELEASE_CHECK_STEPS)[number];

const TEST_APPIDS = RELEASE_CHECK_ACCOUNTS.map((account) => account.appid);

/** Which events record each step; all but the ticket belong to one of the ten test accounts. */
const STEP_EVENTS: Record<TReleaseCheckStep, Prisma.EventWhereInput> = {
  ticket: { kind: "ticket.received" },
  authorization: { kind: { in: ["authorization.exchanged", "authorization.updated", "authorization.failed"] }, appid: { in: TEST_APPIDS } },
  text: { kind: "release_check.text", appid: { in: TEST_APPIDS } },
  api_text: { kind: "release_check.api_text", appid: { in: TEST_APPIDS } },
  event: { kind: "release_check.event", appid: { in: TEST_APPIDS } },
  cancellation: { kind: "authorization.cancelled", appid: { in: TEST_APPIDS } },
};

export type TReleaseCheckStepStatus = {
  step: TReleaseCheckStep;
  /** null: wxopen has not seen this step yet. */
  last: { at: Date; ok: boolean; appid: string | null; errcode: number | null; message: string } | null;
};

/**
 * The last outcome of every step of one platform's check (each platform has its own, the default one unless told),
 * in the checker's order (six indexed reads of the newest matching event).
 */
export const getReleaseCheckStatus = async (platformKey = DEFAULT_PLATFORM_KEY): Promise<TReleaseCheckStepStatus[]> => {
  const db = getDb();
  const platform = await platformFilter(platformKey);
  return Promise.all(
    RELEASE_CHECK_STEPS.map(async (step) => {
      const event = await db.event.findFirst({
        where: { ...STEP_EVENTS[step], ...platform },
        orderBy: { at: "desc" },
        select: { at: true, outcome: true, appid: true, errcode: true, message: true },
      });
      return {
        step,
        last: event && { at: event.at, ok: event.outcome === "ok", appid: event.appid, errcode: event.errcode, message: event.message },
      };
    }),
  );
};
