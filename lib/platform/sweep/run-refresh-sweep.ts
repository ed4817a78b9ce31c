import { randomUUID } from "node:crypto";
import { getDb, type Prisma } from "../../db";
import { getEnv } from "../../env";
import { log } from "../../log";
import { incrementCounter } from "../../metrics";
import { getComponentAccessToken } from "../component/get-component-access-token";
import { getTokenSource } from "../upstream/get-token-source";
import { acquireLease, releaseLease } from "../support/lease";
import { authorizerWhere, type TAuthorizerRef } from "../platforms/authorizer-ref";
import { platformKeyOf } from "../platforms/platform-key";
import { refreshAuthorizerToken } from "../authorizers/refresh-authorizer-token";
import { requestTicketPush } from "../component/request-ticket-push";
import { reportStaleTicket, TICKET_STALE_AFTER_MS } from "../component/report-stale-ticket";
import { createWechatCallLimit, withWechatCallLimit } from "../support/wechat-call-limit";
import { ticketsOf } from "../component/get-latest-verify-ticket";
import { defaultPlatform, listPlatforms, type TPlatform } from "../platforms/platform-registry";
import { countLaggingTokens, dueWhere, observeSweepLatency, planSweepRun, reportSweepShortfall } from "./plan-sweep-run";
import { pruneExpiredData } from "./prune-expired-data";
import { checkPendingAudits } from "../reviews/check-pending-audits";
import { refreshQueryStatistics } from "./refresh-query-statistics";
import { beatSweeperHeart, findSweepShard, shardWhere } from "./sweep-shard";

// The refresh sweep (documenso's expire-recipients sweep): rows that expire soon, batch after batch, bounded fan-out.
// Every instance sweeps its own share of the accounts (a shard by the appid's last character, see sweep-shard.ts), so
// three instances refresh about three times as fast; a refresh itself holds the account's lease, so two sweeps that
// meet on one account still make one WeChat call. The rest (the ticket, the component token, retention) runs on
// one instance at a time, under a database lease that is renewed while it holds and expires if the process dies.

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
      /** This instance's share of the accounts: "2/3". */
      shard: string;
      durationMs: number;
    }
  | { status: "skipped"; reason: string };

const countSweep = (status: "completed" | "skipped") =>
  incrementCounter("wxopen_sweeps_total", "Refresh sweeps this instance started, by how they ended", { status });

/** Refreshes a platform's component token when it expires within the window (or is missing). */
const sweepComponentToken = async (deadline: Date, platform: TPlatform): Promise<"fresh" | "refreshed" | "failed"> => {
  const stored = await getDb().componentToken.findUnique({
    where: { componentAppid: platform.componentAppid },
    select: { expiresAt: true },
  });
  if (stored && stored.expiresAt > deadline) return "fresh";
  try {
    await getComponentAccessToken({ force: Boolean(stored), platform });
    return "refreshed";
  } catch (error) {
    // getComponentAccessToken has recorded the failure (with its errcode) in the event log.
    log.warn("sweep.component_token_failed", { componentAppid: platform.componentAppid, error });
    return "failed";
  }
};

/** When no ticket arrived for a platform for 30 minutes: says so (once) and asks WeChat to push one. */
const sweepTicket = async (now: Date, platform: TPlatform): Promise<boolean> => {
  const latest = await getDb().verifyTicket.findFirst({
    where: ticketsOf(platform),
    orderBy: { id: "desc" },
    select: { receivedAt: true },
  });
  if (latest && now.getTime() - latest.receivedAt.getTime() < TICKET_STALE_AFTER_MS) return false;
  await reportStaleTicket(now, platform);
  // Ask WeChat to push again (requestTicketPush keeps it to once per 10 minutes).
  return requestTicketPush({
    reason: latest ? `no component_verify_ticket since ${latest.receivedAt.toISOString()}` : "no component_verify_ticket received yet",
    platform,
  });
};

/**
 * The ticket and component token of every enabled platform; answers the default platform's outcome (the sweep's
 * result reports it, as before platforms). A failing platform does not stop the others.
 */
const sweepPlatforms = async (now: Date, deadline: Date) => {
  const outcome = {
    ticketPushRequested: await sweepTicket(now, defaultPlatform()),
    componentToken: await sweepComponentToken(deadline, defaultPlatform()),
  };
  const added = await listPlatforms().catch((error: unknown) => {
    log.error("sweep.platforms_unreadable", { error });
    return [];
  });
  for (const platform of added) {
    if (platform.isDefault || !platform.isEnabled) continue;
    try {
      await sweepTicket(now, platform);
      await sweepComponentToken(deadline, platform);
    } catch (error) {
      log.warn("sweep.platform_failed", { componentAppid: platform.componentAppid, error });
    }
  }
  return outcome;
};

/** The due accounts of `where`, soonest expiry first. */
const selectDue = (where: Prisma.AuthorizerWhereInput, limit: number) =>
  getDb().authorizer.findMany({
    where,
    orderBy: [{ accessTokenExpiresAt: { sort: "asc", nulls: "first" } }, { appid: "asc" }],
    take: limit,
    select: { platformKey: true, appid: true },
  });

/** Still due? An API caller may have refreshed it since the selection; refreshing again would waste a token. */
const isStillDue = async (ref: TAuthorizerRef, deadline: Date) => {
  const row = await getDb().authorizer.findUnique({ where: authorizerWhere(ref), select: { status: true, accessTokenExpiresAt: true } });
  return Boolean(row && row.status === "authorized" && (!row.accessTokenExpiresAt || row.accessTokenExpiresAt <= deadline));
};

/** Runs `work` over items with at most `concurrency` at a time. */
const forEachBounded = async <T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
};

/**
 * One sweep of this instance's share: every authorizer token expiring within the window, `limit` at a time, with the
 * planned (or given) number of WeChat calls in flight; and, on the instance holding the lease, the ticket, the
 * component token and retention. Answers "skipped" only in upstream mode.
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
  // The platform-wide chores go to whichever instance holds the lease; the refreshes go on everywhere.
  let isChoreHolder = await acquireLease(lease);
  const renewal = setInterval(() => {
    beatSweeperHeart(env.INSTANCE_ID).catch((error) => log.warn("sweep.heartbeat_failed", { error }));
    if (!isChoreHolder) return;
    acquireLease(lease)
      .then((held) => {
        if (!held) isChoreHolder = false;
      })
      .catch((error) => log.warn("sweep.lease_renewal_failed", { error }));
  }, SWEEP_LEASE_RENEW_MS);

  const startedAt = performance.now();
  const db = getDb();
  const run = await db.sweepRun.create({ data: { instance: env.INSTANCE_ID, startedAt: new Date() }, select: { id: true } });
  let selected = 0;
  let refreshed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    const deadline = new Date(now.getTime() + windowMinutes * 60_000);
    // Unforced, refreshAuthorizerToken refreshes what expires within REFRESH_WINDOW_MINUTES and answers a token
    // someone refreshed meanwhile as stored; only a wider window passed in needs force.
    const isForced = windowMinutes > env.REFRESH_WINDOW_MINUTES;
    const { ticketPushRequested, componentToken } = isChoreHolder
      ? await sweepPlatforms(now, deadline)
      : { ticketPushRequested: false, componentToken: "fresh" as const };
    const shard = await findSweepShard(env.INSTANCE_ID);
    const plan = await planSweepRun({ now, deadline, windowMinutes, shard });
    await reportSweepShortfall(plan);
    // A concurrency passed in (a test, a one-off run) is used as it is; otherwise the plan's.
    const concurrency = options.concurrency ?? plan.concurrency;
    // `concurrency` bounds the WeChat calls in flight and the cap the calls started per second, not the work around them.
    const limit = createWechatCallLimit({ max: concurrency, maxPerSecond: env.WECHAT_MAX_CALLS_PER_SECOND / shard.count });
    const refreshOne = async (ref: TAuthorizerRef) => {
      // Unforced, refreshAuthorizerToken itself answers a token refreshed meanwhile as stored; forced, check first.
      if (isForced && !(await isStillDue(ref, deadline))) {
        skipped += 1;
        return;
      }
      try {
        await refreshAuthorizerToken({ ...ref, force: isForced, actor: "sweep" });
        refreshed += 1;
      } catch {
        // refreshAuthorizerToken has recorded the event, marked the account or set its backoff; count and go on.
        failed += 1;
      }
    };
    /** Batch after batch while tokens are due: a run keeps up with any number of accounts, not just one batch. */
    // A disabled platform's accounts wait (their data kept) until it is enabled again.
    const disabled = (await listPlatforms()).filter((platform) => !platform.isEnabled).map(platformKeyOf);
    const sweepWhere = async (where: Prisma.AuthorizerWhereInput) => {
      for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
        const due = await selectDue(disabled.length ? { AND: [where, { platformKey: { notIn: disabled } }] } : where, batchLimit);
        selected += due.length;
        await forEachBounded(due, concurrency * LANES_PER_WECHAT_SLOT, refreshOne);
        if (due.length < batchLimit) break;
      }
    };
    await withWechatCallLimit(limit, async () => {
      await sweepWhere({ AND: [dueWhere(now, deadline), shardWhere(shard)] });
      // Then what nobody took and is now urgent: the share of an instance that stopped, or appids outside the shards.
      if (shard.count > 1) await sweepWhere(dueWhere(now, new Date(now.getTime() + (windowMinutes * 60_000) / 2)));
    });
    const latencyMs = observeSweepLatency(limit);
    // The plan counts on WeChat's latency; when this machine or the database is what limits, tokens still near expiry
    // after a full run are the early sign, and what the run made is the rate the platform sustains.
    const madePerSecond = (refreshed / Math.max(1, (performance.now() - startedAt) / 1000)) * shard.count;
    const isBehind = (await countLaggingTokens(new Date(), windowMinutes)) > 0 && madePerSecond < plan.requiredPerSecond;
    const sustainedPerSecond = isBehind ? Math.min(plan.maxCapacityPerSecond, madePerSecond) : plan.maxCapacityPerSecond;
    if (isBehind && plan.shortfallPerSecond <= 0) {
      await reportSweepShortfall({
        ...plan,
        maxCapacityPerSecond: sustainedPerSecond,
        shortfallPerSecond: plan.requiredPerSecond - sustainedPerSecond,
      });
    }
    // Retention runs with the sweep's lease: one instance deletes per cycle; SQLite's statistics once a day.
    if (isChoreHolder) {
      await pruneExpiredData().catch((error) => log.warn("retention.failed", { error }));
      await refreshQueryStatistics().catch((error) => log.warn("sqlite.analyze_failed", { error }));
      await checkPendingAudits().catch((error) => log.warn("miniprogram.audit_check_failed", { error }));
    }
    countSweep("completed");
    await db.sweepRun.update({
      where: { id: run.id },
      data: {
        finishedAt: new Date(),
        selected,
        refreshed,
        failed,
        concurrency,
        requiredPerSecond: plan.requiredPerSecond,
        maxPerSecond: sustainedPerSecond,
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
      shard: `${shard.index + 1}/${shard.count}`,
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
    if (isChoreHolder) await releaseLease(lease).catch((error) => log.warn("sweep.lease_release_failed", { error }));
  }
};
