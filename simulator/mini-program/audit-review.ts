import { activeAuthorization } from "../authorizations";
import type { TSimulatorContext } from "../context";
import type { TSendMessageOptions } from "../message-content";
import { startMessage, type TMessageRecord } from "../messages";
import { platformAppid } from "../platforms";
import type { TAudit, TAuditDecision, TMiniProgramSlots } from "./code-types";

// WeChat's reviewer (§11.7): an audit in status 2 is decided reviewSeconds of simulator time after submission (a
// quarter once sped up), as the account's plan says (pass by default); a delay (4) is followed, after another review,
// by a pass. Each decision pushes weapp_audit_* to the platform's message URL for the appid, sealed with its keys.

const DEFAULT_FAIL_REASON = "1:小程序页面内容与所选服务类目不符<br>";
const DEFAULT_DELAY_REASON = "审核排队较长，预计延后完成";
const TIMER_MS = 1000;

/** When the audit's current review stage ends; null while reviewSeconds is 0 (decided through the control API only). */
export const reviewDueAtMs = (context: TSimulatorContext, audit: TAudit): number | null => {
  const seconds = context.config.reviewSeconds;
  if (seconds <= 0) return null;
  return audit.reviewStartMs + (seconds * 1000) / (audit.isSpedUp ? 4 : 1);
};

const EVENTS = { pass: "weapp_audit_success", fail: "weapp_audit_fail", delay: "weapp_audit_delay" } as const;

/** Posts the event as messages.ts posts a user's message (recorded in messages()); none once the platform lost the account. */
const pushAuditEvent = (context: TSimulatorContext, slots: TMiniProgramSlots, audit: TAudit, decision: TAuditDecision) => {
  const at = new Date(context.clock.nowMs()).toISOString();
  const event = EVENTS[decision.outcome];
  if (!activeAuthorization(context, slots.appid, slots.componentAppid)) {
    audit.events.push({ event, at, messageId: null });
    return Promise.resolve(null);
  }
  const options: TSendMessageOptions = {
    appid: slots.appid,
    componentAppid: platformAppid(context, slots.componentAppid),
    kind: event,
    content: audit.reason,
    fields: decision.outcome === "fail" ? { ScreenShot: audit.screenshots.join("|") } : {},
  };
  try {
    const { message, done } = startMessage(context, options);
    audit.events.push({ event, at, messageId: message.id });
    return done;
  } catch (error) {
    // The audit is decided either way: a push that cannot start is reported (onError), not thrown at the timer.
    audit.events.push({ event, at, messageId: null });
    return Promise.reject(error);
  }
};

/** Decides the audit now (it must be in status 2 or 4) and pushes the event; resolves once the platform answered. */
export const decideAudit = (
  context: TSimulatorContext,
  slots: TMiniProgramSlots,
  audit: TAudit,
  decision: TAuditDecision,
): Promise<TMessageRecord | null> => {
  const { inReview } = context.state.code;
  if (decision.outcome === "delay") {
    // Still in the queue: a new review stage starts now.
    Object.assign(audit, { status: 4, reason: decision.reason || DEFAULT_DELAY_REASON, reviewStartMs: context.clock.nowMs() });
  } else {
    const isPass = decision.outcome === "pass";
    audit.status = isPass ? 0 : 1;
    audit.reason = isPass ? "" : decision.reason || DEFAULT_FAIL_REASON;
    audit.screenshots = isPass ? [] : [...(decision.screenshots ?? [])];
    audit.decidedTime = context.clock.nowSeconds();
    if (isPass) slots.pendingAuditid = audit.auditid;
    inReview.delete(audit.auditid);
  }
  return pushAuditEvent(context, slots, audit, decision);
};

/** What the reviewer decides now: after a delay a pass; else the account's plan, used once. */
const nextDecision = (slots: TMiniProgramSlots, audit: TAudit): TAuditDecision => {
  if (audit.status === 4) return { outcome: "pass" };
  const plan = slots.plan ?? { outcome: "pass" };
  slots.plan = undefined;
  return plan;
};

/** Decides every audit whose review is over (on the timer, and when the clock is advanced). */
export const decideDueAudits = (context: TSimulatorContext, onError: (error: unknown) => void) => {
  const { inReview, miniPrograms } = context.state.code;
  const now = context.clock.nowMs();
  for (const [auditid, key] of inReview) {
    const slots = miniPrograms.get(key);
    const audit = slots?.audits.find((item) => item.auditid === auditid);
    if (!slots || !audit || (audit.status !== 2 && audit.status !== 4)) {
      inReview.delete(auditid);
      continue;
    }
    const dueAtMs = reviewDueAtMs(context, audit);
    if (dueAtMs !== null && now >= dueAtMs) decideAudit(context, slots, audit, nextDecision(slots, audit)).catch(onError);
  }
};

/** Checks once a second of real time, like the ticket timer; answers a stop function. */
export const startReviewTimer = (context: TSimulatorContext, onError: (error: unknown) => void) => {
  const timer = setInterval(() => decideDueAudits(context, onError), TIMER_MS);
  timer.unref();
  return () => clearInterval(timer);
};
