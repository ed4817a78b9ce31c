import type { TAccount } from "../accounts";
import type { TSimulatorContext } from "../context";
import { beijingDay, beijingMonth } from "../clock";
import { platformAppid } from "../platforms";
import { reviewDueAtMs } from "./audit-review";
import type {
  TAudit,
  TAuditDecision,
  TAuditEventRecord,
  TAuditStatus,
  TCodeVersion,
  TDomainLists,
  TGrayPlan,
  TMiniProgramSlots,
  TOnlineVersion,
  TPrivacySetting,
} from "./code-types";

// What simulator.miniProgram() and GET /__sim/mini-programs/{appid} show: a copy of the slots, never the live objects.

const STATUS_NAMES: Record<TAuditStatus, string> = { 0: "passed", 1: "rejected", 2: "auditing", 3: "withdrawn", 4: "delayed" };

export type TAuditView = {
  auditid: number;
  status: TAuditStatus;
  statusName: string;
  reason: string;
  screenshots: string[];
  userVersion: string;
  userDesc: string;
  templateId: number;
  submitTime: number;
  decidedTime: number | null;
  /** When the review decides it by itself; null once decided, or while reviewSeconds is 0. */
  dueAt: string | null;
  isSpedUp: boolean;
  isReleased: boolean;
  /** The weapp_audit_* events pushed for it, each with the id of its record in messages(). */
  events: TAuditEventRecord[];
};

export type TMiniProgramView = {
  appid: string;
  componentAppid: string;
  trial: (TCodeVersion & { scanEndsAt: string; isScanning: boolean }) | null;
  /** Oldest first. */
  audits: TAuditView[];
  /** The last passed audit not yet released. */
  pending: TAuditView | null;
  online: TOnlineVersion | null;
  /** Versions online before, newest last: what revertcoderelease goes back to. */
  history: TOnlineVersion[];
  gray: TGrayPlan | null;
  visitStatus: "open" | "close";
  /** The next review's outcome when one was set (setAuditPlan); pass otherwise. */
  plan: TAuditDecision | null;
  privacy: { draft: TPrivacySetting | null; live: TPrivacySetting | null };
  domains: TDomainLists;
  undoCount: { today: number; thisMonth: number };
};

const auditView = (context: TSimulatorContext, audit: TAudit): TAuditView => {
  const isInReview = audit.status === 2 || audit.status === 4;
  const dueAtMs = isInReview ? reviewDueAtMs(context, audit) : null;
  return {
    auditid: audit.auditid,
    status: audit.status,
    statusName: STATUS_NAMES[audit.status],
    reason: audit.reason,
    screenshots: [...audit.screenshots],
    userVersion: audit.version.userVersion,
    userDesc: audit.version.userDesc,
    templateId: audit.version.templateId,
    submitTime: audit.submitTime,
    decidedTime: audit.decidedTime ?? null,
    dueAt: dueAtMs === null ? null : new Date(dueAtMs).toISOString(),
    isSpedUp: audit.isSpedUp,
    isReleased: audit.isReleased,
    events: audit.events.map((event) => ({ ...event })),
  };
};

/** The view of a mini program's slots; one that never used code management has empty ones. */
export const miniProgramView = (
  context: TSimulatorContext,
  account: TAccount,
  componentAppid: string | undefined,
  slots: TMiniProgramSlots | undefined,
): TMiniProgramView => {
  const { appid } = account;
  const copy = slots ? structuredClone(slots) : undefined;
  const now = context.clock.nowMs();
  const audits = (copy?.audits ?? []).map((audit) => auditView(context, audit));
  const undoTimes = copy?.undoTimesMs ?? [];
  return {
    appid,
    componentAppid: platformAppid(context, copy?.componentAppid ?? componentAppid),
    trial: copy?.trial
      ? { ...copy.trial, scanEndsAt: new Date(copy.scanEndsAtMs).toISOString(), isScanning: now < copy.scanEndsAtMs }
      : null,
    audits,
    pending: audits.find((audit) => audit.auditid === copy?.pendingAuditid) ?? null,
    online: copy?.online ?? null,
    history: copy?.history ?? [],
    gray: copy?.gray ?? null,
    visitStatus: copy?.isVisitOpen === false ? "close" : "open",
    plan: copy?.plan ?? null,
    privacy: { draft: copy?.privacy.draft ?? null, live: copy?.privacy.live ?? null },
    // Until its first code-management call, a mini program has the server domains it brought along.
    domains: copy?.domains ?? {
      requestdomain: [...(account.requestDomains ?? [])],
      wsrequestdomain: [],
      uploaddomain: [],
      downloaddomain: [],
      udpdomain: [],
      tcpdomain: [],
    },
    undoCount: {
      today: undoTimes.filter((at) => beijingDay(at) === beijingDay(now)).length,
      thisMonth: undoTimes.filter((at) => beijingMonth(at) === beijingMonth(now)).length,
    },
  };
};
