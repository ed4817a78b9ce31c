import { getDb, type Prisma } from "../../db";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { log } from "../../log";
import { decryptSecret } from "../../secrets";
import { explainCodeError } from "../../wechat/code-errors";
import { callCodeApi } from "../mini-programs/call-code-api";
import { requireCodeAccess } from "../mini-programs/code-access";
import { commitCode } from "../mini-programs/commit-code";
import { readCodeState } from "../mini-programs/code-state";
import { getMiniProgramCode } from "../mini-programs/get-mini-program-code";
import { grayRelease } from "../mini-programs/gray-release";
import { releaseCode } from "../mini-programs/release-code";
import { speedUpAudit } from "../reviews/speed-up-audit";
import { submitAudit } from "../reviews/submit-audit";
import {
  exhaustReviewQuota,
  readReviewQuota,
  refreshReviewQuota,
  returnReviewSlot,
  settleSpeedupSlot,
  takeReviewSlot,
  takeSpeedupSlot,
} from "./review-quota";

// One step of one account in a campaign, taken under its lease (claim-release-targets.ts): the state says which, and
// the step ends by writing the next state and giving the lease up in one compare-and-set on the holder. A WeChat call
// whose outcome is unknown (a timeout) leaves the in-flight state with an expired lease: the next step asks WeChat
// whether it went through (a commit of this version, a newer audit of it) before it calls again, so no account is
// committed or submitted twice for one campaign.

export type TClaimedTarget = Prisma.ReleaseTargetGetPayload<{ include: { campaign: true } }>;

const ACTOR = "wxopen:releases";
/** While no review slot is left, the quota is read from WeChat again this often (the month rolls over, WeChat grants more). */
const QUOTA_REREAD_MS = 10 * 60_000;
const WAIT_FOR_QUOTA_MS = 60_000;
const MAX_RETRIES = 12;

/** WeChat's privacy check runs about a minute after a commit (61039 until then): the submit waits that long. */
const privacyCheckEnd = () => new Date(Date.now() + getEnv().RELEASE_PRIVACY_WAIT_SECONDS * 1000);

const retryDelayMs = (attempts: number) => Math.min(300_000, 15_000 * 2 ** Math.min(attempts, 5));

/** WeChat's errcode when it answered; undefined when the call's outcome is unknown (timeout, bad answer). */
const errcodeOf = (error: unknown) =>
  error instanceof AppError && typeof error.details?.errcode === "number" ? error.details.errcode : undefined;

/** Not WeChat's refusal but wxopen's own check (no set 18 any more, cancelled authorization …): the step failed for a reason. */
const isOwnRefusal = (error: unknown) => error instanceof AppError && error.code !== "wechat_error" && errcodeOf(error) === undefined;

const isRetryable = (errcode: number | undefined) =>
  errcode === -1 || (errcode !== undefined && explainCodeError(errcode)?.kind === "retry");

export const runReleaseStep = async (target: TClaimedTarget, holder: string) => {
  const db = getDb();
  const ref = { platformKey: target.platformKey, appid: target.appid };
  const { campaign } = target;
  const now = () => new Date();

  /** The next state, and the lease given up, only while we still hold it. */
  const finish = async (data: Prisma.ReleaseTargetUpdateManyMutationInput) => {
    const { count } = await db.releaseTarget.updateMany({
      where: { campaignId: target.campaignId, appid: target.appid, leaseHolder: holder },
      data: { ...data, leaseHolder: null, leaseUntil: null },
    });
    if (count === 0) log.warn("release.lease_lost", { campaignId: target.campaignId, appid: target.appid, state: target.state });
  };
  /** Marks the WeChat call about to be made, so a successor knows to ask WeChat first. */
  const begin = (state: string, extra: Prisma.ReleaseTargetUpdateManyMutationInput = {}) =>
    db.releaseTarget.updateMany({
      where: { campaignId: target.campaignId, appid: target.appid, leaseHolder: holder },
      data: { state, stepStartedAt: now(), ...extra },
    });
  const fail = (step: string, error: unknown) => {
    const errcode = errcodeOf(error) ?? null;
    return finish({
      state: "failed",
      failedStep: step,
      errcode,
      error: error instanceof Error ? error.message.slice(0, 500) : String(error),
    });
  };
  /** A retryable refusal (61039, -1 …): the same state again later, until MAX_RETRIES. */
  const later = (state: string, step: string, error: unknown) =>
    target.attempts >= MAX_RETRIES
      ? fail(step, error)
      : finish({ state, nextAttemptAt: new Date(Date.now() + retryDelayMs(target.attempts)), errcode: errcodeOf(error) ?? null });
  /** The call's outcome is unknown: stay in flight, lease expired, so the next pass asks WeChat. */
  const unknownOutcome = (error: unknown) => {
    log.warn("release.step_unknown", { campaignId: target.campaignId, appid: target.appid, state: target.state, error });
    return db.releaseTarget.updateMany({
      where: { campaignId: target.campaignId, appid: target.appid, leaseHolder: holder },
      data: { leaseHolder: null, leaseUntil: null, nextAttemptAt: new Date(Date.now() + retryDelayMs(target.attempts)) },
    });
  };

  const commit = async () => {
    if (campaign.domains) {
      const access = await requireCodeAccess(ref);
      await callCodeApi({
        target: access.target,
        path: "wxa/modify_domain_directly",
        body: { action: "set", ...JSON.parse(campaign.domains) },
        actor: ACTOR,
      });
    }
    await begin("committing");
    await commitCode({
      ref,
      templateId: campaign.templateId,
      extJson: decryptSecret(campaign.extJson),
      values: target.values ? (JSON.parse(decryptSecret(target.values)) as Record<string, string>) : {},
      userVersion: campaign.userVersion,
      userDesc: campaign.userDesc,
      actor: ACTOR,
    });
    await finish({
      state: "committed",
      attempts: 0,
      committedAt: now(),
      errcode: null,
      error: null,
      nextAttemptAt: campaign.isSubmitAudit ? privacyCheckEnd() : null,
    });
  };

  /** A review slot for the submit, or the account waits for one (the quota is read again now and then). */
  const takeSlot = async () => {
    if (await takeReviewSlot(target.platformKey)) return true;
    const quota = await readReviewQuota(target.platformKey);
    if (!quota || (quota.rest === 0 && Date.now() - quota.readAt.getTime() > QUOTA_REREAD_MS)) {
      await refreshReviewQuota(ref);
      if (await takeReviewSlot(target.platformKey)) return true;
    }
    // Waiting is not failing: the retry budget starts again once a slot is taken.
    await finish({ state: "waiting_for_quota", attempts: 0, nextAttemptAt: new Date(Date.now() + WAIT_FOR_QUOTA_MS) });
    return false;
  };

  const submit = async () => {
    if (campaign.privacy) {
      const access = await requireCodeAccess(ref);
      await callCodeApi({
        target: access.target,
        path: "cgi-bin/component/setprivacysetting",
        body: JSON.parse(campaign.privacy),
        actor: ACTOR,
      });
    }
    if (!(await takeSlot())) return;
    await begin("submitting", { priorAuditId: (await readCodeState(ref))?.auditId ?? null });
    try {
      const code = await submitAudit({ ref, actor: ACTOR });
      await finish({
        state: "in_review",
        attempts: 0,
        auditId: code.audit?.auditId ?? null,
        submittedAt: now(),
        errcode: null,
        error: null,
      });
      if (campaign.isSpeedUp) await speedUp();
    } catch (error) {
      const errcode = errcodeOf(error);
      if (errcode === undefined && !isOwnRefusal(error)) return unknownOutcome(error);
      if (errcode === 85085) {
        await exhaustReviewQuota(target.platformKey);
        return finish({ state: "waiting_for_quota", nextAttemptAt: new Date(Date.now() + WAIT_FOR_QUOTA_MS) });
      }
      await returnReviewSlot(target.platformKey);
      return isRetryable(errcode) ? later("committed", "submit", error) : fail("submit", error);
    }
  };

  /** Speeds the new review up while the month's speed-up slots last; a refusal costs the account nothing. */
  const speedUp = async () => {
    if (!(await takeSpeedupSlot(target.platformKey))) return;
    try {
      await speedUpAudit({ ref, actor: ACTOR });
    } catch (error) {
      await settleSpeedupSlot(target.platformKey, errcodeOf(error));
      log.warn("release.speedup_refused", { campaignId: target.campaignId, appid: target.appid, errcode: errcodeOf(error) });
    }
  };

  /** A submit whose instance died: adopt the audit WeChat now holds if it is this version's and newer than before. */
  const recoverSubmit = async () => {
    const code = await getMiniProgramCode({ ref, maxAgeSeconds: 0, actor: ACTOR });
    const audit = code.audit;
    if (audit && audit.auditId !== target.priorAuditId && audit.version === campaign.userVersion) {
      const state =
        audit.status === "passed"
          ? "passed"
          : audit.status === "failed"
            ? "rejected"
            : audit.status === "delayed"
              ? "delayed"
              : "in_review";
      return finish({ state, auditId: audit.auditId, submittedAt: audit.submittedAt ?? now(), reason: audit.reason });
    }
    await returnReviewSlot(target.platformKey);
    return finish({ state: "committed", nextAttemptAt: null });
  };

  const release = async () => {
    await begin("releasing");
    try {
      if (campaign.grayPercentage) await grayRelease({ ref, percentage: campaign.grayPercentage, actor: ACTOR });
      else await releaseCode({ ref, actor: ACTOR });
    } catch (error) {
      const errcode = errcodeOf(error);
      if (errcode === undefined && !isOwnRefusal(error)) return unknownOutcome(error);
      // 85052: released already; 85082 on a gray release: already at that percentage (a step whose answer was lost).
      const isDoneAlready = errcode === 85052 || (errcode === 85082 && Boolean(campaign.grayPercentage));
      if (!isDoneAlready) return isRetryable(errcode) ? later("passed", "release", error) : fail("release", error);
    }
    await finish({ state: "released", releasedAt: now(), errcode: null, error: null });
  };

  try {
    switch (target.state) {
      case "queued":
        return await commit();
      case "committing": {
        // A commit whose instance died: the trial already holding this version means it went through.
        const code = await getMiniProgramCode({ ref, maxAgeSeconds: 0, actor: ACTOR });
        if (code.trial?.version === campaign.userVersion)
          return await finish({
            state: "committed",
            committedAt: now(),
            nextAttemptAt: campaign.isSubmitAudit ? privacyCheckEnd() : null,
          });
        return await commit();
      }
      case "committed":
      case "waiting_for_quota":
        return await submit();
      case "submitting":
        return await recoverSubmit();
      case "passed":
      case "releasing":
        return await release();
      default:
        return await finish({});
    }
  } catch (error) {
    const errcode = errcodeOf(error);
    const step =
      target.state === "queued" || target.state === "committing"
        ? "commit"
        : target.state === "passed" || target.state === "releasing"
          ? "release"
          : "submit";
    if (errcode === undefined && !isOwnRefusal(error)) return unknownOutcome(error);
    const resume = step === "commit" ? "queued" : step === "release" ? "passed" : "committed";
    return isRetryable(errcode) ? later(resume, step, error) : fail(step, error);
  }
};
