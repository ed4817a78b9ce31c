import { createHash, randomBytes, randomUUID } from "node:crypto";
import { getDb, type DbTransaction } from "../db";
import { MAX_API_KEY_EXPIRY_DAYS } from "./api-key-expiry";
import { AppError } from "../errors";
import { recordEvent } from "../platform/activity/record-event";
import { listPlatforms } from "../platform/platforms/platform-registry";

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

export type CreateApiKeyOptions = {
  name: string;
  role: TApiKeyRole;
  createdById?: string | null;
  expiresInDays?: number | null;
  /** The platforms (component appids) it may reach; null or absent: every platform. */
  platforms?: string[] | null;
};

/** A key's platforms as stored (JSON), or null for every platform. */
const parsePlatforms = (stored: string | null): string[] | null => (stored === null ? null : (JSON.parse(stored) as string[]));

/** The platforms a new key is limited to: each one this deployment has, named once; an empty list is refused. */
const checkPlatforms = async (platforms: string[] | null): Promise<string[] | null> => {
  if (platforms === null) return null;
  const unique = [...new Set(platforms.map((appid) => appid.trim()).filter(Boolean))];
  if (unique.length === 0)
    throw new AppError("bad_request", "platforms must name at least one platform, or be left out for every platform");
  const known = new Set((await listPlatforms()).map((platform) => platform.componentAppid));
  const unknown = unique.filter((appid) => !known.has(appid));
  if (unknown.length)
    throw new AppError("bad_request", `platforms: no platform ${unknown.map((appid) => appid.slice(0, 40)).join(", ")} in this deployment`);
  return unique;
};

/** Creates a key and answers it in full, the only time it is ever shown. */
export const createApiKey = async ({ name, role, createdById = null, expiresInDays = null, platforms = null }: CreateApiKeyOptions) => {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) throw new AppError("bad_request", "name must be 1 to 100 characters");
  if (!isApiKeyRole(role)) throw new AppError("bad_request", `role must be one of ${API_KEY_ROLES.join(", ")}`);
  if (expiresInDays !== null && !(Number.isInteger(expiresInDays) && expiresInDays >= 1 && expiresInDays <= MAX_API_KEY_EXPIRY_DAYS)) {
    throw new AppError("bad_request", `expiry must be a whole number of days from 1 to ${MAX_API_KEY_EXPIRY_DAYS}, or none`);
  }
  const limitedTo = await checkPlatforms(platforms);
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = key.slice(0, DISPLAY_PREFIX_LENGTH);
  const id = randomUUID();
  const expiresAt = expiresInDays === null ? null : new Date(Date.now() + expiresInDays * 86_400_000);
  await getDb().apiKey.create({
    data: {
      id,
      name: trimmed,
      prefix,
      hash: hashKey(key),
      role,
      createdById,
      expiresAt,
      platforms: limitedTo && JSON.stringify(limitedTo),
    },
  });
  await recordEvent({
    kind: "admin.action",
    message: `API key "${trimmed}" (${role}, ${prefix}…) created${expiresAt ? `, expires ${expiresAt.toISOString()}` : ""}${
      limitedTo ? `, limited to ${limitedTo.join(", ")}` : ""
    }`,
    detail: { apiKeyId: id, role, expiresAt: expiresAt?.toISOString() ?? null, platforms: limitedTo },
    actor: createdById,
  });
  return { id, key, prefix, name: trimmed, role, expiresAt, platforms: limitedTo };
};

/** Every key, newest first, without hashes, with the email of the user who created it (null: the CLI). */
export const listApiKeys = async () => {
  const db = getDb();
  const keys = await db.apiKey.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      role: true,
      createdAt: true,
      createdById: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
      revokedReason: true,
      platforms: true,
    },
  });
  const creatorIds = [...new Set(keys.flatMap((key) => (key.createdById ? [key.createdById] : [])))];
  const creators = new Map(
    (await db.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, email: true } })).map((user) => [user.id, user.email]),
  );
  return keys.map((key) => ({
    ...key,
    platforms: parsePlatforms(key.platforms),
    createdByEmail: key.createdById ? (creators.get(key.createdById) ?? null) : null,
  }));
};

export type RevokeKeysOfCreatorOptions = {
  userId: string;
  email: string;
  /** The creator's role now, or null when they were disabled: keys above it are revoked (all of them for null). */
  role: TApiKeyRole | null;
  actor: string | null;
};

/** Why a key was revoked without a person choosing to (stored as the code, shown in words on Settings). */
export type TKeyRevokedReason = "creator_disabled" | "creator_demoted";

/**
 * A key acts for the person who made it: when they are disabled, every key they created stops; when their role is
 * lowered, the keys above their new role stop. Runs inside the caller's transaction (the user's change and the
 * revocations land together); each revoked key is an event. Answers the revoked keys.
 */
export const revokeKeysOfCreator = async (transaction: DbTransaction, { userId, email, role, actor }: RevokeKeysOfCreatorOptions) => {
  const reason: TKeyRevokedReason = role === null ? "creator_disabled" : "creator_demoted";
  const words = role === null ? `its creator ${email} was disabled` : `its creator ${email} is now ${role}`;
  const above = role === null ? [...API_KEY_ROLES] : API_KEY_ROLES.slice(API_KEY_ROLES.indexOf(role) + 1);
  if (above.length === 0) return [];
  const keys = await transaction.apiKey.findMany({
    where: { createdById: userId, revokedAt: null, role: { in: above } },
    select: { id: true, name: true, prefix: true, role: true },
  });
  const revokedAt = new Date();
  for (const key of keys) {
    const { count } = await transaction.apiKey.updateMany({
      where: { id: key.id, revokedAt: null },
      data: { revokedAt, revokedReason: reason },
    });
    if (count === 0) continue;
    await recordEvent(
      {
        kind: "admin.action",
        message: `API key "${key.name}" (${key.role}, ${key.prefix}…) revoked: ${words}`,
        detail: { action: "api_key.revoke", apiKeyId: key.id, role: key.role, reason },
        actor,
      },
      transaction,
    );
  }
  forgetVerifiedKeys(new Set(keys.map((key) => key.id)));
  return keys;
};

export type RevokeApiKeyOptions = { id: string; actor?: string | null };

/** Revokes a key at once; revoking a revoked key keeps its first revocation time. */
export const revokeApiKey = async ({ id, actor = null }: RevokeApiKeyOptions) => {
  const db = getDb();
  const existing = await db.apiKey.findUnique({ where: { id }, select: { id: true, name: true, prefix: true, revokedAt: true } });
  if (!existing) throw new AppError("not_found", `No API key has id ${id}`);
  if (existing.revokedAt) return { id, revokedAt: existing.revokedAt };
  const revokedAt = new Date();
  await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt } });
  forgetVerifiedKeys(new Set([id]));
  await recordEvent({
    kind: "admin.action",
    message: `API key "${existing.name}" (${existing.prefix}…) revoked`,
    detail: { apiKeyId: id },
    actor,
  });
  return { id, revokedAt };
};

export type TVerifiedApiKey = {
  id: string;
  name: string;
  role: TApiKeyRole;
  /** The component appids it may reach; null: every platform. */
  platforms: string[] | null;
};

// Per process: the last lastUsedAt write per key (one write a minute), and keys verified in the last moments by
// hash (a busy caller costs one read every VERIFIED_KEY_CACHE_MS, not one per request). Unknown keys are not kept.
const globalForKeys = globalThis as unknown as {
  wxopenApiKeyUse?: Map<string, number>;
  wxopenVerifiedKeys?: Map<string, { key: TVerifiedApiKey; at: number }>;
};
const lastWrites = (globalForKeys.wxopenApiKeyUse ??= new Map());
const verified = (globalForKeys.wxopenVerifiedKeys ??= new Map());

/** This process stops trusting these keys at once (other instances within VERIFIED_KEY_CACHE_MS). */
const forgetVerifiedKeys = (ids: ReadonlySet<string>) => {
  for (const [hash, entry] of verified) if (ids.has(entry.key.id)) verified.delete(hash);
};

/** The key's identity when `presented` is a live key, else null. Records lastUsedAt at most once a minute. */
export const verifyApiKey = async (presented: string | null | undefined): Promise<TVerifiedApiKey | null> => {
  if (!presented || !presented.startsWith(KEY_PREFIX) || presented.length > 200) return null;
  const hash = hashKey(presented);
  const now = Date.now();
  const cached = verified.get(hash);
  if (cached && now - cached.at < VERIFIED_KEY_CACHE_MS) return cached.key;
  const db = getDb();
  const row = await db.apiKey.findUnique({
    where: { hash },
    select: { id: true, name: true, role: true, revokedAt: true, expiresAt: true, platforms: true },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now) || !isApiKeyRole(row.role)) {
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
  const key: TVerifiedApiKey = { id: row.id, name: row.name, role: row.role, platforms: parsePlatforms(row.platforms) };
  verified.set(hash, { key, at: now });
  return key;
};
