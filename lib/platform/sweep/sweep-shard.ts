import { getDb, type Prisma } from "../../db";
import { getEnv } from "../../env";
import { acquireLease } from "../support/lease";

// Every instance sweeps its own share of the accounts, so the sweep's capacity grows with the instances. The
// sweepers are the instances whose heartbeat (a lease per instance, renewed while it sweeps and between its runs) is
// alive, in a stable order; an appid belongs to the instance whose place matches its last hex digit. An instance
// that stops drops out when its heartbeat expires (three sweep intervals and 15 s) and its share passes to the
// others; until then they take its urgent tokens anyway.

export type TSweepShard = { index: number; count: number };

const HEARTBEAT_PREFIX = "sweeper:";
/** WeChat appids end in a lowercase hex digit (SQLite's LIKE ignores case, so upper case falls in the same share). */
const DIGITS = "0123456789abcdef";

const heartbeatTtlMs = () => 3 * getEnv().REFRESH_SWEEP_INTERVAL_SECONDS * 1000 + 15_000;

/** This instance is sweeping: renew its heartbeat. */
export const beatSweeperHeart = (instance: string) =>
  acquireLease({ name: `${HEARTBEAT_PREFIX}${instance}`, holder: instance, ttlMs: heartbeatTtlMs() });

/** Beats this instance's heart, then answers its place among the live sweepers. */
export const findSweepShard = async (instance: string): Promise<TSweepShard> => {
  await beatSweeperHeart(instance);
  const alive = await getDb().lease.findMany({
    where: { name: { startsWith: HEARTBEAT_PREFIX }, expiresAt: { gt: new Date() } },
    select: { holder: true },
  });
  const instances = [...new Set([...alive.map((row) => row.holder), instance])].sort();
  return { index: instances.indexOf(instance) % DIGITS.length, count: Math.min(instances.length, DIGITS.length) };
};

/** The accounts of this share (all of them when this instance sweeps alone). */
export const shardWhere = ({ index, count }: TSweepShard): Prisma.AuthorizerWhereInput =>
  count <= 1
    ? {}
    : { OR: [...DIGITS].filter((_, position) => position % count === index).map((digit) => ({ appid: { endsWith: digit } })) };
