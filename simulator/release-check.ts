import { randomInt } from "node:crypto";
import { RELEASE_CHECK_ACCOUNTS } from "../lib/wechat/release-check";
import { makeAccount, type TAccount } from "./accounts";
import { pushCapped, type TSimulatorContext } from "./context";
import { SimulatorError } from "./errors";
import { requirePlatform, type TSimulatorPlatform } from "./platforms";
import {
  apiTextStep,
  authorizationStep,
  cancellationStep,
  eventStep,
  textStep,
  ticketStep,
  type TStepOutcome,
} from "./release-check-steps";
import type { TReleaseCheckOptions, TReleaseCheckRun, TReleaseCheckStepName } from "./release-check-types";

// WeChat's release checker (全网发布接入检测, §10.2), played against the platform: one group's two test accounts.

export const MAX_RELEASE_CHECKS = 20;

const KIND_NAMES = { official_account: "公众号", mini_program: "小程序" } as const;

/** Adds the group's test accounts (exact appids and gh_ names) on first use; they are not part of the seed. */
const ensureGroupAccounts = (context: TSimulatorContext, group: number): TAccount[] =>
  RELEASE_CHECK_ACCOUNTS.filter((item) => item.group === group).map((item) => {
    const existing = context.state.accounts.get(item.appid);
    if (existing) return existing;
    const account = makeAccount({
      kind: item.kind,
      nickName: `全网发布测试${KIND_NAMES[item.kind]} ${group}`,
      principalName: "微信全网发布接入检测",
      appid: item.appid,
      userName: item.userName,
    });
    context.state.accounts.set(account.appid, account);
    return account;
  });

const snapshot = (run: TReleaseCheckRun): TReleaseCheckRun => ({
  ...run,
  accounts: run.accounts.map((account) => ({ ...account })),
  current: run.current && { ...run.current },
  steps: run.steps.map((step) => ({ ...step })),
});

const runStep = async (
  context: TSimulatorContext,
  run: TReleaseCheckRun,
  appid: string,
  step: TReleaseCheckStepName,
  perform: () => Promise<TStepOutcome>,
) => {
  run.current = { appid, step };
  const startedAt = new Date(context.clock.nowMs()).toISOString();
  const started = performance.now();
  let result: TStepOutcome;
  try {
    result = await perform();
  } catch (error) {
    // A step that cannot run (no authorization left ...) fails and says why; the next steps still run.
    const reason = error instanceof SimulatorError ? `skipped: ${error.message}` : `the simulator failed: ${String(error)}`;
    result = { ok: false, detail: reason };
  }
  run.steps.push({ appid, step, ...result, startedAt, durationMs: Math.round(performance.now() - started) });
};

const execute = async (context: TSimulatorContext, run: TReleaseCheckRun, platform: TSimulatorPlatform, accounts: TAccount[]) => {
  await runStep(context, run, accounts[0].appid, "ticket", () => ticketStep(context, platform));
  for (const account of accounts) {
    await runStep(context, run, account.appid, "authorization", () => authorizationStep(context, platform, account));
    await runStep(context, run, account.appid, "text", () => textStep(context, platform, account));
    await runStep(context, run, account.appid, "api_text", () => apiTextStep(context, platform, account));
    await runStep(context, run, account.appid, "event", () => eventStep(context, platform, account));
    await runStep(context, run, account.appid, "cancellation", () => cancellationStep(context, platform, account));
  }
  run.current = null;
  run.finishedAt = new Date(context.clock.nowMs()).toISOString();
  run.status = run.steps.every((step) => step.ok) ? "passed" : "failed";
};

/** Starts a run (one at a time) and answers at once; `done` settles when every step has run. */
export const startReleaseCheck = (context: TSimulatorContext, options: TReleaseCheckOptions = {}) => {
  const group = options.group ?? randomInt(1, 6);
  if (!Number.isInteger(group) || group < 1 || group > 5) throw new SimulatorError("group must be an integer from 1 to 5");
  const platform = requirePlatform(context, options.componentAppid);
  const running = context.state.releaseChecks.find((run) => run.status === "running");
  if (running) throw new SimulatorError(`release check ${running.id} is still running`, 409);
  const accounts = ensureGroupAccounts(context, group);
  const run: TReleaseCheckRun = {
    id: context.state.nextReleaseCheckId++,
    group,
    componentAppid: platform.componentAppid,
    startedAt: new Date(context.clock.nowMs()).toISOString(),
    finishedAt: null,
    status: "running",
    accounts: accounts.map(({ appid, kind, userName, nickName }) => ({ appid, kind, userName, nickName })),
    current: null,
    steps: [],
  };
  pushCapped(context.state.releaseChecks, run, MAX_RELEASE_CHECKS);
  const done = execute(context, run, platform, accounts).then(() => snapshot(run));
  return { run: snapshot(run), done };
};

/** Newest first. */
export const listReleaseChecks = (context: TSimulatorContext) => context.state.releaseChecks.map(snapshot).reverse();
