import type { DbTransaction } from "../../db";
import { getDb } from "../../db";
import type { TMatchableRule } from "./match-rules";

// The enabled rules, read at most every 2 s per process: every message asks, and rules change rarely. A change on
// this instance is seen at once; on another, within 2 s.

export type TActiveRule = TMatchableRule & { id: string; mode: string; format: string; createdAt: Date };

const TTL_MS = 2000;
// On globalThis: the JSON API (server/) changes rules and Next.js's message URL reads them, each with its own copy of
// this module; one process must have one cache, or a rule created through the API would wait out the TTL here.
const globalForRules = globalThis as unknown as { wxopenActiveRules?: { at: number; rules: TActiveRule[] } | null };

export const invalidateActiveRules = () => {
  globalForRules.wxopenActiveRules = null;
};

export const getActiveRules = async (transaction?: DbTransaction): Promise<TActiveRule[]> => {
  const cached = globalForRules.wxopenActiveRules;
  if (cached && Date.now() - cached.at < TTL_MS) return cached.rules;
  const rows = await (transaction ?? getDb()).forwardingRule.findMany({
    where: { isEnabled: true },
    orderBy: { createdAt: "asc" },
    select: { id: true, types: true, appids: true, platforms: true, mode: true, format: true, isEnabled: true, createdAt: true },
  });
  const rules = rows.map((row) => ({
    ...row,
    types: JSON.parse(row.types) as string[],
    appids: row.appids === null ? null : (JSON.parse(row.appids) as string[]),
    platforms: row.platforms === null ? null : (JSON.parse(row.platforms) as string[]),
  }));
  globalForRules.wxopenActiveRules = { at: Date.now(), rules };
  return rules;
};
