import { createHash, randomBytes, randomUUID } from "node:crypto";
import { getDb } from "../db";
import { AppError } from "../errors";
import { recordEvent } from "../platform/activity/record-event";

// API keys for internal services: shown once, stored as sha256 only, with a role and a revocation time.

export const API_KEY_ROLES = ["reader", "operator", "admin"] as const;
export type TApiKeyRole = (typeof API_KEY_ROLES)[number];

const KEY_PREFIX = "wxo_";
/** Visible part kept for display: "wxo_" plus 6 characters, enough to tell keys apart, far too little to guess. */
const DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length + 6;
const LAST_USED_RESOLUTION_MS = 60_000;
/** A verified key is trusted this long without a database read; a revocation reaches every instance within it. */
export const VERIFIED_KEY_CACHE_MS = 2000;

export const isApiKeyRole = (value: unknown): value is TApiKeyRole => API_KEY_ROLES.includes(value as TApiKeyRole);

/** reader < operator < admin. */
export const hasRole = (held: TApiKeyRole, needed: TApiKeyRole) => API_KEY_ROLES.indexOf(held) >= API_KEY_ROLES.indexOf(needed);

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

export type CreateApiKeyOptions = { name: string; role: TApiKeyRole; createdById?: string | null };

/** Creates a key and answers it in full, the only time it is ever shown. */
export const createApiKey = async ({ name, role, createdById = null }: CreateApiKeyOptions) => {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) throw new AppError("bad_request", "name must be 1 to 100 characters");
  if (!isApiKeyRole(role)) throw new AppError("bad_request", `role must be one of ${API_KEY_ROLES.join(", ")}`);
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = key.slice(0, DISPLAY_PREFIX_LENGTH);
  const id = randomUUID();
  await getDb().apiKey.create({ data: { id, name: trimmed, prefix, hash: hashKey(key), role, createdById } });
  await recordEvent({
    kind: "admin.action",
    message: `API key "${trimmed}" (${role}, ${prefix}…) created`,
    detail: { apiKeyId: id, role },
    actor: createdById,
  });
  return { id, key, prefix, name: trimmed, role };
};

/** Every key, newest first, without hashes. */
export const listApiKeys = () =>
  getDb().apiKey.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, role: true, createdAt: true, createdById: true, lastUsedAt: true, revokedAt: true },
  });

export type RevokeApiKeyOptions = { id: string; actor?: string | null };

/** Revokes a key at once; revoking a revoked key keeps its first revocation time. */
export const revokeApiKey = async ({ id, actor = null }: RevokeApiKeyOptions) => {
  const db = getDb();
  const existing = await db.apiKey.findUnique({ where: { id }, select: { id: true, name: true, prefix: true, revokedAt: true } });
  if (!existing) throw new AppError("not_found", `No API key has id ${id}`);
  if (existing.revokedAt) return { id, revokedAt: existing.revokedAt };
  const revokedAt = new Date();
  await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt } });
  for (const [hash, entry] of verified) if (entry.key.id === id) verified.delete(hash);
  await recordEvent({
    kind: "admin.action",
    message: `API key "${existing.name}" (${existing.prefix}…) revoked`,
    detail: { apiKeyId: id },
    actor,
  });
  return { id, revokedAt };
};

export type TVerifiedApiKey = { id: string; name: string; role: TApiKeyRole };

// Per process: the last lastUsedAt write per key (one write a minute), and keys verified in the last moments by
// hash (a busy caller costs one read every VERIFIED_KEY_CACHE_MS, not one per request). Unknown keys are not kept.
const globalForKeys = globalThis as unknown as {
  wxopenApiKeyUse?: Map<string, number>;
  wxopenVerifiedKeys?: Map<string, { key: TVerifiedApiKey; at: number }>;
};
const lastWrites = (globalForKeys.wxopenApiKeyUse ??= new Map());
const verified = (globalForKeys.wxopenVerifiedKeys ??= new Map());

/** The key's identity when `presented` is a live key, else null. Records lastUsedAt at most once a minute. */
export const verifyApiKey = async (presented: string | null | undefined): Promise<TVerifiedApiKey | null> => {
  if (!presented || !presented.startsWith(KEY_PREFIX) || presented.length > 200) return null;
  const hash = hashKey(presented);
  const now = Date.now();
  const cached = verified.get(hash);
  if (cached && now - cached.at < VERIFIED_KEY_CACHE_MS) return cached.key;
  const db = getDb();
  const row = await db.apiKey.findUnique({ where: { hash }, select: { id: true, name: true, role: true, revokedAt: true } });
  if (!row || row.revokedAt || !isApiKeyRole(row.role)) {
    verified.delete(hash);
    return null;
  }
  if (now - (lastWrites.get(row.id) ?? 0) >= LAST_USED_RESOLUTION_MS) {
    lastWrites.set(row.id, now);
    // Another instance may have written within the minute: the condition keeps it to one write a minute overall.
    await db.apiKey.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  const key: TVerifiedApiKey = { id: row.id, name: row.name, role: row.role };
  verified.set(hash, { key, at: now });
  return key;
};
