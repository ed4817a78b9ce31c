// What WeChat keeps of a platform's code templates and of each authorized mini program's versions (§11.7), as the
// code-management files share it. Everything here lives in TState.code and is created lazily: a campaign over 1,000
// mini programs only pays for the ones it touches.

export type TTemplateType = 0 | 1;

/** Code the platform's development mini program uploaded from the developer tools (the draft box). */
export type TDraft = { draftId: number; createTime: number; userVersion: string; userDesc: string; pages: string[] };

/** A draft added to the library; it keeps the draft's pages so commit can check ext_json against them. */
export type TTemplate = {
  templateId: number;
  draftId: number;
  templateType: TTemplateType;
  createTime: number;
  userVersion: string;
  userDesc: string;
  pages: string[];
};

export type TTemplateLibrary = { drafts: TDraft[]; templates: TTemplate[]; nextDraftId: number; nextTemplateId: number };

/** What commit uploaded: the trial version (体验版), and the snapshot an audit, then a release, keeps of it. */
export type TCodeVersion = {
  templateId: number;
  userVersion: string;
  userDesc: string;
  /** As sent: a string of JSON. */
  extJson: string;
  pages: string[];
  commitTime: number;
};

/** get_auditstatus's status: 0 passed, 1 rejected, 2 in review, 3 withdrawn, 4 delayed. */
export type TAuditStatus = 0 | 1 | 2 | 3 | 4;

export const AUDIT_OUTCOMES = ["pass", "fail", "delay"] as const;
export type TAuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** How WeChat's reviewer decides: a delay is followed by a pass (or a control decision). */
export type TAuditDecision = { outcome: TAuditOutcome; reason?: string; screenshots?: string[] };

/** An event pushed to the platform's message URL for the audit, and the message record that carries it. */
export type TAuditEventRecord = { event: string; at: string; messageId: number | null };

/** Privacy settings (setprivacysetting): the draft (ver 2) joins the next audit and goes live with its release. */
export type TPrivacySetting = {
  ownerSetting: Record<string, unknown>;
  settingList: Record<string, unknown>[];
  sdkPrivacyInfoList: unknown[];
  updateTime: number;
};

export type TAudit = {
  auditid: number;
  status: TAuditStatus;
  /** The reject reason (status 1) or the delay reason (status 4). */
  reason: string;
  screenshots: string[];
  version: TCodeVersion;
  privacy?: TPrivacySetting;
  itemList: unknown[];
  versionDesc: string;
  submitTime: number;
  /** When the current review stage began (submission, or the delay): it lasts reviewSeconds, a quarter once sped up. */
  reviewStartMs: number;
  isSpedUp: boolean;
  decidedTime?: number;
  isReleased: boolean;
  events: TAuditEventRecord[];
};

/** A released version; app_version numbers them per mini program for revertcoderelease. */
export type TOnlineVersion = TCodeVersion & { appVersion: number; releaseTime: number; auditid: number };

/** getgrayreleaseplan's status: 0 init, 1 running, 2 paused, 3 done, 4 deleted. */
export type TGrayPlan = {
  status: 0 | 1 | 2 | 3 | 4;
  createTimestamp: number;
  grayPercentage: number;
  supportDebugerFirst: boolean;
  supportExperiencerFirst: boolean;
  auditid: number;
};

export const DOMAIN_KINDS = ["requestdomain", "wsrequestdomain", "uploaddomain", "downloaddomain", "udpdomain", "tcpdomain"] as const;
export type TDomainKind = (typeof DOMAIN_KINDS)[number];
export type TDomainLists = Record<TDomainKind, string[]>;

/** One mini program's slots for one platform authorization (appid + platform). */
export type TMiniProgramSlots = {
  appid: string;
  /** The added platform; absent for the primary one, as authorizations name it. */
  componentAppid?: string;
  trial?: TCodeVersion;
  /** submit_audit answers 61039 until then: each commit starts a privacy scan. */
  scanEndsAtMs: number;
  /** Oldest first, the latest last (capped). */
  audits: TAudit[];
  /** The last audit that passed and is not yet released. */
  pendingAuditid?: number;
  online?: TOnlineVersion;
  /** Versions online before the current one, oldest first (5 at most): what revertcoderelease goes back to. */
  history: TOnlineVersion[];
  /** A rollback without app_version goes back once; a second one answers 87012 until the next release. */
  isRolledBack: boolean;
  nextAppVersion: number;
  gray?: TGrayPlan;
  isVisitOpen: boolean;
  /** The next review's outcome (control); pass when absent. */
  plan?: TAuditDecision;
  /** When undocodeaudit withdrew an audit (epoch ms), for the 5 a day and 10 a month. */
  undoTimesMs: number[];
  domains: TDomainLists;
  privacy: { draft?: TPrivacySetting; live?: TPrivacySetting };
};

export type TCodeState = {
  /** Platform key ("" for the primary, else the added platform's appid) → its template library. */
  libraries: Map<string, TTemplateLibrary>;
  /** authorizationKey(appid, platform) → the mini program's slots of that platform. */
  miniPrograms: Map<string, TMiniProgramSlots>;
  /** auditid → its mini program's key: get_auditstatus tells another account's audit from its own. */
  auditOwners: Map<number, string>;
  /** Audits in status 2 or 4 → their mini program's key: the review timer looks at these only. */
  inReview: Map<number, string>;
  nextAuditId: number;
  /** `${beijingMonth}|${platform key}` → audits submitted and speed-ups used that month (the platform's quota). */
  quotaUsage: Map<string, { audits: number; speedups: number }>;
  /** Accounts whose nickname, avatar or intro is missing: submit_audit answers 86002. */
  incompleteProfiles: Set<string>;
};

export const createCodeState = (): TCodeState => ({
  libraries: new Map(),
  miniPrograms: new Map(),
  auditOwners: new Map(),
  inReview: new Map(),
  // Shaped like WeChat's large audit ids; one counter for every platform, so ids are unique across the simulator.
  nextAuditId: 420_000_001,
  quotaUsage: new Map(),
  incompleteProfiles: new Set(),
});
