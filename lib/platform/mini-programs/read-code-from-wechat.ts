import { AppError } from "../../errors";
import { auditStatusOf, ZGrayPlan, ZLatestAudit, ZVersionInfo, ZVisitStatus } from "../../wechat/mini-program-code";
import { callCodeApi } from "./call-code-api";
import type { TCodeAccess } from "./code-access";
import type { TCodeChange, TCodeRow } from "./code-state";

// What WeChat says about a Mini Program's versions, as a change to its stored row: getversioninfo (trial and
// released), get_latest_auditstatus (85058: never audited), getgrayreleaseplan and getvisitstatus, in parallel.

const secondsToDate = (seconds: number | undefined) => (seconds ? new Date(seconds * 1000) : null);

const parsed = <T>(
  schema: { safeParse: (value: unknown) => { success: true; data: T } | { success: false } },
  value: unknown,
  path: string,
) => {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("wechat_error", `WeChat's answer to ${path} is not the documented shape`);
  return result.data;
};

/** 85058 ("no valid audit_id exist") means there was never an audit: no audit, not an error. */
const latestAudit = (access: TCodeAccess, actor: string) =>
  callCodeApi({ target: access.target, path: "wxa/get_latest_auditstatus", method: "GET", actor, expectedErrcodes: [85058] }).catch(
    (error: unknown) => {
      if (error instanceof AppError && error.details?.errcode === 85058) return null;
      throw error;
    },
  );

export const readCodeFromWechat = async (access: TCodeAccess, previous: TCodeRow | null, actor: string): Promise<TCodeChange> => {
  const { target } = access;
  const [versions, audit, gray, visit] = await Promise.all([
    callCodeApi({ target, path: "wxa/getversioninfo", body: {}, actor }),
    latestAudit(access, actor),
    callCodeApi({ target, path: "wxa/getgrayreleaseplan", method: "GET", actor }),
    callCodeApi({ target, path: "wxa/getvisitstatus", body: {}, actor }),
  ]);
  const { exp_info: trial, release_info: release } = parsed(ZVersionInfo, versions, "wxa/getversioninfo");
  const plan = parsed(ZGrayPlan, gray, "wxa/getgrayreleaseplan").gray_release_plan;
  const change: TCodeChange = {
    trialVersion: trial?.exp_version ?? null,
    trialDesc: trial?.exp_desc ?? null,
    trialCommittedAt: secondsToDate(trial?.exp_time),
    // A template id is known only for code committed through wxopen; a version committed elsewhere drops it.
    trialTemplateId: trial?.exp_version === previous?.trialVersion ? previous?.trialTemplateId : null,
    releasedVersion: release?.release_version ?? null,
    releasedDesc: release?.release_desc ?? null,
    releasedAt: secondsToDate(release?.release_time),
    releasedTemplateId: release?.release_version === previous?.releasedVersion ? previous?.releasedTemplateId : null,
    // Plan status 1 running, 2 paused: a gray release is on; 0, 3, 4 (init, done, deleted) mean none.
    grayPercentage: plan && (plan.status === 1 || plan.status === 2) ? (plan.gray_percentage ?? null) : null,
    isVisitOpen: parsed(ZVisitStatus, visit, "wxa/getvisitstatus").status === 1,
    checkedAt: new Date(),
  };
  if (!audit) return { ...change, auditId: null, auditStatus: null };
  const latest = parsed(ZLatestAudit, audit, "wxa/get_latest_auditstatus");
  const status = auditStatusOf(latest.status);
  const isSameAudit = latest.auditid === previous?.auditId;
  return {
    ...change,
    auditId: latest.auditid,
    auditStatus: status,
    auditVersion: latest.user_version ?? (isSameAudit ? previous?.auditVersion : null),
    auditDesc: latest.user_desc ?? (isSameAudit ? previous?.auditDesc : null),
    auditTemplateId: isSameAudit ? previous?.auditTemplateId : null,
    auditReason: latest.reason || null,
    auditScreenshots: latest.ScreenShot || latest.screenshot || null,
    auditSubmittedAt: secondsToDate(latest.submit_audit_time) ?? (isSameAudit ? previous?.auditSubmittedAt : null),
    isAuditSpedUp: isSameAudit ? previous?.isAuditSpedUp : false,
    // WeChat does not say whether an audit was released; its version live now, or wxopen's record of releasing it, does.
    isAuditReleased: (isSameAudit && previous?.isAuditReleased) || (status === "passed" && latest.user_version === change.releasedVersion),
    // The time of a decision is not in the answer: kept from the event when it came, else when it was first seen.
    auditDecidedAt:
      status === "in_review"
        ? null
        : isSameAudit && previous?.auditStatus === status
          ? (previous.auditDecidedAt ?? new Date())
          : new Date(),
  };
};
