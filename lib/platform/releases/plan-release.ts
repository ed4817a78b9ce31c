import { getDb } from "../../db";
import { AppError } from "../../errors";
import { CODE_MANAGEMENT_SCOPE } from "../mini-programs/code-access";
import { renderExtJson } from "../mini-programs/render-ext-json";
import { platformKeyOf } from "../platforms/platform-key";
import type { TPlatform } from "../platforms/platform-registry";
import { listCodeTemplates } from "../templates/list-code-templates";
import { parseValuesCsv } from "./parse-values-csv";
import { refreshReviewQuota } from "./review-quota";

// What a campaign would do, before it starts: which accounts (authorized Mini Programs that granted set 18), each
// one's ext_json filled in (every placeholder must have a value), and how many of them this month's review slots cover.

/** A campaign's accounts are read and written in one go: this many at most. */
export const MAX_TARGETS = 5000;
const LOOKUP_CHUNK = 500;

export type TReleaseInput = {
  platform: TPlatform;
  templateId: number;
  userVersion: string;
  userDesc: string;
  extJson: string;
  /**
   * Every Mini Program of the platform that granted set 18, or these (in this order: the order slots go in); absent,
   * the CSV's accounts in its order.
   */
  targets?: { all: true } | { appids: string[] };
  /** Per-account values: a CSV (appid, then a column per placeholder) and/or an object by appid. */
  csv?: string;
  values?: Record<string, Record<string, string>>;
  isSubmitAudit: boolean;
  actor: string;
};

export type TPlannedTarget = { appid: string; values: Record<string, string>; extJson: string };

const eligibleWhere = (platformKey: string) => ({
  platformKey,
  kind: "mini_program",
  status: "authorized",
  scopes: { some: { scopeId: CODE_MANAGEMENT_SCOPE } },
});

const resolveAccounts = async (platformKey: string, targets: NonNullable<TReleaseInput["targets"]>) => {
  const db = getDb();
  const select = { appid: true, nickName: true, principalName: true };
  if ("all" in targets) {
    const accounts = await db.authorizer.findMany({
      where: eligibleWhere(platformKey),
      select,
      orderBy: { appid: "asc" },
      take: MAX_TARGETS + 1,
    });
    if (accounts.length > MAX_TARGETS)
      throw new AppError("bad_request", `A campaign takes at most ${MAX_TARGETS} accounts: list them in batches.`);
    return accounts;
  }
  const appids = [...new Set(targets.appids)];
  if (appids.length > MAX_TARGETS) throw new AppError("bad_request", `A campaign takes at most ${MAX_TARGETS} accounts.`);
  // SQLite's driver takes at most 999 parameters a query: the appids are looked up 500 at a time.
  const found = [];
  for (let at = 0; at < appids.length; at += LOOKUP_CHUNK)
    found.push(
      ...(await db.authorizer.findMany({
        where: { ...eligibleWhere(platformKey), appid: { in: appids.slice(at, at + LOOKUP_CHUNK) } },
        select,
      })),
    );
  const byAppid = new Map(found.map((account) => [account.appid, account]));
  const missing = appids.filter((appid) => !byAppid.has(appid));
  if (missing.length > 0)
    throw new AppError(
      "bad_request",
      `${missing.length} of the accounts are not authorized Mini Programs of this platform with permission set ${CODE_MANAGEMENT_SCOPE}: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? " …" : ""}`,
    );
  return appids.map((appid) => byAppid.get(appid)!);
};

export const planRelease = async (input: TReleaseInput) => {
  const platformKey = platformKeyOf(input.platform);
  const csvValues = input.csv ? parseValuesCsv(input.csv) : new Map<string, Record<string, string>>();
  const targets = input.targets ?? (input.csv ? { appids: [...csvValues.keys()] } : undefined);
  if (!targets)
    throw new AppError("bad_request", "Name the accounts: targets ({ all: true } or { appids: [...] }) or a CSV with an appid column.");
  const accounts = await resolveAccounts(platformKey, targets);
  if (accounts.length === 0)
    throw new AppError("bad_request", "No account to release to: no authorized Mini Program of this platform granted permission set 18.");
  const templates = await listCodeTemplates({ platform: input.platform, actor: input.actor });
  if (!templates.some((template) => template.templateId === input.templateId))
    throw new AppError("bad_request", `Template ${input.templateId} is not in the platform's template library.`);
  const planned: TPlannedTarget[] = accounts.map((account) => {
    const values = { ...csvValues.get(account.appid), ...input.values?.[account.appid] };
    try {
      const extJson = renderExtJson(input.extJson, {
        ...values,
        appid: account.appid,
        nickName: account.nickName,
        principalName: account.principalName,
      });
      return { appid: account.appid, values, extJson };
    } catch (error) {
      throw new AppError("bad_request", `${account.appid}: ${(error as Error).message}`);
    }
  });
  const quota = input.isSubmitAudit
    ? await refreshReviewQuota({ platformKey, appid: planned[0].appid }, { isForced: !(await isSubmitting(platformKey)) })
    : null;
  const submittableNow = quota ? Math.min(quota.rest, planned.length) : 0;
  return {
    targets: planned,
    quota: quota && { rest: quota.rest, limit: quota.limit, speedupRest: quota.speedupRest, speedupLimit: quota.speedupLimit },
    submittableNow,
    waitingForQuota: input.isSubmitAudit ? planned.length - submittableNow : 0,
  };
};

/**
 * A submit may be in flight on the platform (an account held in a pre-review state: its slot may be taken before
 * WeChat is called): the stored count may then be ahead of WeChat's, so it is not replaced.
 */
const isSubmitting = async (platformKey: string) =>
  (await getDb().releaseTarget.count({
    where: { platformKey, state: { in: ["committed", "waiting_for_quota", "submitting"] }, leaseHolder: { not: null } },
  })) > 0;
