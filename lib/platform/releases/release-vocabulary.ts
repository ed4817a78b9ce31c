// The words of release campaigns, import-free so the pages can use them too.

/**
 * An account's way through a campaign. committing, submitting and releasing are a WeChat call in flight (under a
 * lease); committed, waiting_for_quota and passed are waiting for the next step; in_review and delayed for WeChat.
 */
export const TARGET_STATES = [
  "queued",
  "committing",
  "committed",
  "waiting_for_quota",
  "submitting",
  "in_review",
  "delayed",
  "passed",
  "releasing",
  "released",
  "rejected",
  "failed",
  "cancelled",
] as const;
export type TTargetState = (typeof TARGET_STATES)[number];

export const CAMPAIGN_STATUSES = ["running", "paused", "cancelled", "completed"] as const;
export type TCampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A WeChat call of this step may have gone through when its instance died: recovery asks WeChat first. */
export const IN_FLIGHT_STATES: readonly TTargetState[] = ["committing", "submitting", "releasing"];

/** Waiting on WeChat's review (the audit event or the slow check moves them on). */
export const REVIEW_STATES: readonly TTargetState[] = ["in_review", "delayed"];

/**
 * Nothing more will happen to the account in this campaign. committed ends it when the campaign does not submit,
 * passed when it does not release.
 */
export const isFinalState = (state: string, campaign: { isSubmitAudit: boolean; isAutoRelease: boolean }) =>
  state === "released" ||
  state === "rejected" ||
  state === "failed" ||
  state === "cancelled" ||
  (state === "committed" && !campaign.isSubmitAudit) ||
  (state === "passed" && !campaign.isAutoRelease);
