// The shapes of a release-check run (全网发布接入检测, §10.2), shared by the runner, the state and the page.

export const RELEASE_CHECK_STEPS = ["ticket", "authorization", "text", "api_text", "event", "cancellation"] as const;
export type TReleaseCheckStepName = (typeof RELEASE_CHECK_STEPS)[number];

export type TReleaseCheckStep = {
  /** The test account the step exercised. */
  appid: string;
  step: TReleaseCheckStepName;
  ok: boolean;
  /** What happened, in a sentence a person can act on. */
  detail: string;
  startedAt: string;
  durationMs: number;
};

export type TReleaseCheckAccount = { appid: string; kind: "official_account" | "mini_program"; userName: string; nickName: string };

export type TReleaseCheckRun = {
  id: number;
  group: number;
  /** The platform checked. */
  componentAppid: string;
  startedAt: string;
  finishedAt: string | null;
  status: "running" | "passed" | "failed";
  /** The group's Official Account, then its Mini Program. */
  accounts: TReleaseCheckAccount[];
  /** The step under way while running. */
  current: { appid: string; step: TReleaseCheckStepName } | null;
  steps: TReleaseCheckStep[];
};

export type TReleaseCheckOptions = {
  /** 1 to 5; WeChat picks one at random, and so does the simulator when none is given. */
  group?: number;
  /**
   * The platform checked (WeChat checks each platform on its own, §12): the primary one when absent. The checker pushes
   * to its URLs with its keys, and the test accounts authorize it.
   */
  componentAppid?: string;
};
