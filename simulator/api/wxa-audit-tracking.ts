import { beijingDay, beijingMonth } from "../clock";
import { WECHAT_OK, wechatError } from "../errors";
import { auditQuota, takeSpeedupQuota } from "../mini-program/audit-quota";
import type { TAudit } from "../mini-program/code-types";
import { auditInReview, findAudit, latestAudit } from "../mini-program/slots";
import { integerField } from "./api-definition";
import { codeApi } from "./code-api";

// Following and steering an audit (§11.2.4), authorizer token of a mini program with set 18.

const UNDO_PER_DAY = 5;
const UNDO_PER_MONTH = 10;

// POST /wxa/get_auditstatus {auditid} - one of this mini program's audits (another account's id is 85012 too)
export const getAuditStatus = codeApi({
  handle: ({ body, slots }) => {
    const auditid = integerField(body, "auditid");
    const audit = auditid === undefined ? undefined : findAudit(slots, auditid);
    if (!audit) return wechatError(85012);
    return {
      ...WECHAT_OK,
      status: audit.status,
      ...(audit.status === 1 || audit.status === 4 ? { reason: audit.reason } : {}),
      ...(audit.status === 1 ? { screenshot: audit.screenshots.join("|") } : {}),
    };
  },
});

const latestJson = (audit: TAudit) => {
  const screenshot = audit.screenshots.join("|");
  return {
    auditid: audit.auditid,
    status: audit.status,
    reason: audit.reason,
    // The doc's example says ScreenShot, its table screenshot, and SDKs read one or the other (§11.2.4 ⚠): both.
    ScreenShot: screenshot,
    screenshot,
    user_version: audit.version.userVersion,
    user_desc: audit.version.userDesc,
    submit_audit_time: audit.submitTime,
  };
};

// GET /wxa/get_latest_auditstatus - the newest audit, 85058 when there was none
export const getLatestAuditStatus = codeApi({
  methods: ["GET"],
  handle: ({ slots }) => {
    const audit = latestAudit(slots);
    return audit ? { ...WECHAT_OK, ...latestJson(audit) } : wechatError(85058);
  },
});

// GET /wxa/undocodeaudit - withdraws the audit in review (status 3); 5 a day and 10 a month per mini program
export const undoCodeAudit = codeApi({
  methods: ["GET"],
  handle: ({ context, slots }) => {
    const audit = auditInReview(slots);
    // ⚠ Undocumented: with nothing in review we answer 85012 "invalid audit id" (there is no audit to withdraw).
    if (!audit) return wechatError(85012);
    const now = context.clock.nowMs();
    const [day, month] = [beijingDay(now), beijingMonth(now)];
    slots.undoTimesMs = slots.undoTimesMs.filter((at) => beijingMonth(at) === month);
    const today = slots.undoTimesMs.filter((at) => beijingDay(at) === day).length;
    if (today >= UNDO_PER_DAY || slots.undoTimesMs.length >= UNDO_PER_MONTH) return wechatError(87013);
    slots.undoTimesMs.push(now);
    audit.status = 3;
    audit.decidedTime = context.clock.nowSeconds();
    context.state.code.inReview.delete(audit.auditid);
    return { ...WECHAT_OK };
  },
});

// POST /wxa/speedupaudit {auditid} - the review ends in a quarter of the time; one of the platform's speed-ups
export const speedupAudit = codeApi({
  handle: ({ context, body, slots, token }) => {
    const auditid = integerField(body, "auditid");
    const audit = auditInReview(slots);
    if (!audit || audit.auditid !== auditid) return wechatError(89402);
    if (audit.isSpedUp) return wechatError(89404);
    if (!takeSpeedupQuota(context, token?.componentAppid)) return wechatError(89405);
    audit.isSpedUp = true;
    return { ...WECHAT_OK };
  },
});

// GET /wxa/queryquota - the platform's audit quota this month, read with any of its mini programs' tokens
export const queryQuota = codeApi({
  methods: ["GET"],
  handle: ({ context, token }) => {
    const quota = auditQuota(context, token?.componentAppid);
    return { ...WECHAT_OK, rest: quota.rest, limit: quota.limit, speedup_rest: quota.speedupRest, speedup_limit: quota.speedupLimit };
  },
});
