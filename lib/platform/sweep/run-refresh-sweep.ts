import { randomUUID } from "node:crypto";
import { getDb } from "../../db";
import { getEnv } from "../../env";
import { log } from "../../log";
import { incrementCounter } from "../../metrics";
import { AUTHORIZER_TOKEN_MARGIN_MS } from "../authorizers/authorizer-token-state";
import { getComponentAccessToken } from "../component/get-component-access-token";
import { getTokenSource } from "../upstream/get-token-source";
import { acquireLease, releaseLease } from "../support/lease";
import { refreshAuthorizerToken } from "../authorizers/refresh-authorizer-token";
import { requestTicketPush } from "../component/request-ticket-push";
import { reportStaleTicket, TICKET_STALE_AFTER_MS } from "../component/report-stale-ticket";
import { createWechatCallLimit, withWechatCallLimit } from "../support/wechat-call-limit";
import { dueWhere, observeSweepLatency, planSweepRun, reportSweepShortfall } from "./plan-sweep-run";
import { pruneExpiredData } from "./prune-expired-data";

// The refresh sweep (documenso's expire-recipients sweep): rows that expire soon, capped, bounded fan-out, one
// instance at a time under a database lease that is renewed while the sweep runs and simply expires if the
// process dies, so the next sweep picks up whatever was left.

export const SWEEP_LEASE_NAME = "refresh-sweep";
const SWEEP_LEASE_TTL_MS = 20_000;
const SWEEP_LEASE_RENEW_MS = 5_000;
/** A run stops taking new batches after this many (REFRESH_BATCH_LIMIT each); the next run goes on. */
const MAX_BATCHES_PER_RUN = 100;
/** Refreshes in progress per WeChat call slot: one lane's database work overlaps another lane's WeChat call. */
const LANES_PER_WECHAT_SLOT = 2;

export type RunRefreshSweepOptions = {
  now?: Date;
  windowMinutes?: number;
  limit?: number;
  concurrency?: number;
};

export type TSweepResult =
  | {
      status: "completed";
      id: number;
      selected: number;
      /** WeChat calls in flight: the plan's, or the one passed in. */
      concurrency: number;
      refreshed: number;
      failed: number;
      /** Selected, but refreshed by someone else before the sweep reached it (counted for a forced, wider window). */
      skipped: number;
      componentToken: "fresh" | "refreshed" | "failed";
      ticketPushRequested: boolean;
      leaseLost: boolean;
      durationMs: number;
    }
  | { status: "skipped"; reason: string };

const countSweep = (status: "completed" | "skipped" | "lease_lost") =>
  incrementCounter("wxopen_sweeps_total", "Refresh sweeps this instance started, by how they ended", { status });

/** Refreshes the component token when it expires within the window (or is missing). */
const sweepComponentToken = async (deadline: Date): Promise<"fresh" | "refreshed" | "failed"> => {
  const stored = await getDb().componentToken.findUnique({
    where: { componentAppid: getEnv().WECHAT_COMPONENT_APPID },
    select: { expiresAt: true },
  });
  if (stored && stored.expiresAt > deadline) return "fresh";
  try {
    await getComponentAccessToken({ force: Boolean(stored) });
    return "refreshed";
  } catch (error) {
    // getComponentAccessToken has recorded the failure (with its errcode) in the event log.
    log.warn("sweep.component_token_failed", { error });
    return "failed";
  }
};

/** When no ticket arrived for 30 minutes: says so (once) and asks WeChat to push one. */
const sweepTicket = async (now: Date): Promise<boolean> => {
  const latest = await getDb().verifyTicket.findFirst({ orderBy: { id: "desc" }, select: { receivedAt: true } });
  if (latest && now.getTime() - latest.receivedAt.getTime() < TICKET_STALE_AFTER_MS) return false;
  await reportStaleTicket(now);
  // Ask WeChat to push again (requestTicketPush keeps it to once per 10 minutes).
  return requestTicketPush({
    reason: latest ? `no component_verify_ticket since ${latest.receivedAt.toISOString()}` : "no component_verify_ticket received yet",
  });
};

/** The authorized accounts whose token is missing or expires by the deadline and that are not backing off. */
const selectDue = (now: Date, deadline: Date, limit: number) =>
  getDb().authorizer.findMany({
    where: dueWhere(now, deadline),
    orderBy: [{ accessTokenExpiresAt: { sort: "asc", nulls: "first" } }, { appid: "asc" }],
    take: limit,
    select: { appid: true },
  });

/** Still due? An API caller may have refreshed it since the selection; refreshing again would waste a token. */
const isStillDue = async (appid: string, deadline: Date) => {
  const row = await getDb().authorizer.findUnique({ where: { appid }, select: { status: true, accessTokenExpiresAt: true } });
  return Boolean(row && row.status === "authorized" && (!row.accessTokenExpiresAt || row.accessTokenExpiresAt <= deadline));
};

/** Runs `work` over items with at most `concurrency` at a time; stops taking new items once `shouldStop()`. */
const forEachBounded = async <T>(items: T[], concurrency: number, shouldStop: () => boolean, work: (item: T) => Promise<void>) => {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !shouldStop()) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
};

/**
 * One sweep: the component token and every authorizer token expiring within the window, at most `limit`, with
 * `concurrency` WeChat calls at a time. Answers "skipped" when another sweep holds the lease (or in upstream mode).
 */
export const runRefreshSweep = async (options: RunRefreshSweepOptions = {}): Promise<TSweepResult> => {
  const env = getEnv();
  const { now = new Date(), windowMinutes = env.REFRESH_WINDOW_MINUTES, limit: batchLimit = env.REFRESH_BATCH_LIMIT } = options;
  const source = getTokenSource();
  if (source.mode === "upstream") {
    // No tokens to refresh here, but this instance's own rows (events, sessions ...) still age out.
    await pruneExpiredData().catch((error) => log.warn("retention.failed", { error }));
    return { status: "skipped", reason: `this instance reads tokens from ${source.url}; that instance refreshes them` };
  }

  // A holder per run: two sweeps in one process (worker and cron) must not both think they hold the lease.
  const lease = { name: SWEEP_LEASE_NAME, holder: `${env.INSTANCE_ID}:sweep:${randomUUID()}`, ttlMs: SWEEP_LEASE_TTL_MS };
  if (!(await acquireLease(lease))) {
    countSweep("skipped");
    return { status: "skipped", reason: "another sweep is running" };
  }

  const startedAt = performance.now();
  let isLeaseLost = false;
  const renewal = setInterval(() => {
    acquireLease(lease)
      .then((held) => {
        if (!held) isLeaseLost = true;
      })
      .catch((error) => log.warn("sweep.lease_renewal_failed", { error }));
  }, SWEEP_LEASE_RENEW_MS);
  const db = getDb();
  // Started when the lease is held, not when this call began: a run's times never overlap another instance's run.
  const run = await db.sweepRun.create({ data: { instance: env.INSTANCE_ID, startedAt: new Date() }, select: { id: true } });
  let selected = 0;
  let refreshed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    const deadline = new Date(now.getTime() + windowMinutes * 60_000);
    // Unforced, refreshAuthorizerToken refreshes what expires within max(15 min, REFRESH_WINDOW_MINUTES) and
    // answers a token someone refreshed meanwhile as stored; only a wider window passed in needs force.
    const isForced = windowMinutes * 60_000 > Math.max(AUTHORIZER_TOKEN_MARGIN_MS, env.REFRESH_WINDOW_MINUTES * 60_000);
    const ticketPushRequested = await sweepTicket(now);
    const componentToken = await sweepComponentToken(deadline);
    const plan = await planSweepRun({ now, deadline, windowMinutes });
    await reportSweepShortfall(plan);
    // A concurrency passed in (a test, a one-off run) is used as it is; otherwise the plan's.
    const concurrency = options.concurrency ?? plan.concurrency;
    // `concurrency` bounds the WeChat calls in flight and the cap the calls started per second, not the work around them.
    const limit = createWechatCallLimit({ max: concurrency, maxPerSecond: env.WECHAT_MAX_CALLS_PER_SECOND });
    await withWechatCallLimit(limit, async () => {
      // Batch after batch while tokens are due: a run keeps up with any number of accounts, not just one batch.
      for (let batch = 0; batch < MAX_BATCHES_PER_RUN && !isLeaseLost; batch += 1) {
        const due = await selectDue(now, deadline, batchLimit);
        selected += due.length;
        await forEachBounded(
          due,
          concurrency * LANES_PER_WECHAT_SLOT,
          () => isLeaseLost,
          async ({ appid }) => {
            // Unforced, refreshAuthorizerToken itself answers a token refreshed meanwhile as stored; forced, check first.
            if (isForced && !(await isStillDue(appid, deadline))) {
              skipped += 1;
              return;
            }
            try {
              await refreshAuthorizerToken({ appid, force: isForced, actor: "sweep" });
              refreshed += 1;
            } catch {
              // refreshAuthorizerToken has recorded the event, marked the account or set its backoff; count and go on.
              failed += 1;
            }
          },
        );
        if (due.length < batchLimit) break;
      }
    });
    const latencyMs = observeSweepLatency(limit);
    if (isLeaseLost) log.warn("sweep.lease_lost", { run: run.id, left: selected - refreshed - failed - skipped });
    // Retention runs with the sweep's lease: one instance deletes per cycle.
    if (!isLeaseLost) await pruneExpiredData().catch((error) => log.warn("retention.failed", { error }));
    countSweep(isLeaseLost ? "lease_lost" : "completed");
    await db.sweepRun.update({
      where: { id: run.id },
      data: {
        finishedAt: new Date(),
        selected,
        refreshed,
        failed,
        concurrency,
        requiredPerSecond: plan.requiredPerSecond,
        maxPerSecond: plan.maxCapacityPerSecond,
        latencyMs,
      },
    });
    const result = {
      status: "completed" as const,
      id: run.id,
      selected,
      concurrency,
      refreshed,
      failed,
      skipped,
      componentToken,
      ticketPushRequested,
      leaseLost: isLeaseLost,
      durationMs: Math.round(performance.now() - startedAt),
    };
    // Field names without "token"/"ticket": the log redacts those keys.
    const { componentToken: component, ticketPushRequested: pushRequestSent, ...counts } = result;
    (selected || component !== "fresh" ? log.info : log.debug)("sweep.completed", {
      ...counts,
      component,
      pushRequestSent,
      instance: env.INSTANCE_ID,
    });
    return result;
  } finally {
    clearInterval(renewal);
    await releaseLease(lease).catch((error) => log.warn("sweep.lease_release_failed", { error }));
  }
};
