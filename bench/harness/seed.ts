import { randomUUID } from "node:crypto";
import type { Simulator } from "../../simulator";
import type { TTestApp } from "../../tests/helpers/app";
import type { TTestDatabase } from "../../tests/helpers/database";
import { BEARER } from "./options";

// Rows the figures need, written straight to the database (the bench shares the app's encryption key).

export type TDb = TTestDatabase["db"];

type TSeededAuthorizer = {
  /** "" (or absent) the default platform, else an added platform's component appid. */
  platformKey?: string;
  appid: string;
  refreshToken?: string;
  nickName: string;
  principalName: string;
  kind: string;
  expiresAt: Date | null;
};

const seedAuthorizers = async (db: TDb, items: TSeededAuthorizer[]) => {
  const { encryptSecret } = await import("../../lib/secrets");
  for (let offset = 0; offset < items.length; offset += 1000) {
    const batch = items.slice(offset, offset + 1000);
    await db.authorizer.createMany({
      data: batch.map((item) => ({
        platformKey: item.platformKey ?? "",
        appid: item.appid,
        kind: item.kind,
        status: "authorized",
        nickName: item.nickName,
        principalName: item.principalName,
        userName: `gh_${item.appid.slice(2, 14)}`,
        refreshToken: item.refreshToken ? encryptSecret(item.refreshToken) : encryptSecret(`bench-refresh-${item.appid}`),
        accessTokenExpiresAt: item.expiresAt,
        authorizedAt: new Date(),
      })),
    });
    await db.authorizerScope.createMany({
      data: batch.flatMap((item) =>
        (item.kind === "mini_program" ? [17, 18] : [1, 2]).map((scopeId) => ({
          platformKey: item.platformKey ?? "",
          appid: item.appid,
          scopeId,
        })),
      ),
    });
  }
};

/**
 * `count` authorized simulator accounts stored with their real refresh tokens, 10,000 at a time (the most addAccounts
 * takes); each batch asks `expiresAt` for its expiries just before it is written. With `platforms` (component appids
 * of added platforms, "" for the default one), the accounts are authorized to them in turn. Answers their appids in order.
 */
export const seedSimulatorAccounts = async (
  simulator: Simulator,
  db: TDb,
  count: number,
  expiresAt: () => Date | null,
  kind?: "official_account" | "mini_program",
  platforms: string[] = [""],
) => {
  const seeded: string[] = [];
  const isDefaultOnly = platforms.every((platform) => platform === "");
  for (let offset = 0; offset < count; offset += 10_000) {
    const accounts = simulator.addAccounts(Math.min(10_000, count - offset), { authorize: isDefaultOnly, ...(kind ? { kind } : {}) });
    const platformOf = (index: number) => platforms[(offset + index) % platforms.length];
    if (!isDefaultOnly)
      accounts.forEach((account, index) =>
        simulator.authorizeProgrammatically({ appid: account.appid, componentAppid: platformOf(index) || undefined, shouldPush: false }),
      );
    const held = new Map(
      simulator
        .accounts()
        .flatMap((account) =>
          account.authorizations.map(
            (authorization) => [`${authorization.componentAppid ?? ""}/${account.appid}`, authorization.refreshToken] as const,
          ),
        ),
    );
    await seedAuthorizers(
      db,
      accounts.map((account, index) => ({
        platformKey: platformOf(index),
        appid: account.appid,
        refreshToken: held.get(`${platformOf(index)}/${account.appid}`),
        nickName: account.nickName,
        principalName: account.principalName,
        kind: account.kind,
        expiresAt: expiresAt(),
      })),
    );
    seeded.push(...accounts.map((account) => account.appid));
  }
  return seeded;
};

/** Each account's token through the token API, one after another (the app takes them from the simulator once). */
export const fetchTokens = async (app: TTestApp, appids: string[]) => {
  const tokens: Array<{ appid: string; accessToken: string; expiresAt: string }> = [];
  for (const appid of appids) {
    const response = await fetch(`${app.url}/api/v1/authorizers/${appid}/access-token`, { headers: BEARER });
    if (response.status !== 200) throw new Error(`priming ${appid} answered ${response.status}: ${await response.text()}`);
    tokens.push(await response.json());
  }
  return tokens;
};

/** Forwarding rules for every message, to a local receiver. */
export const createBenchRules = async (db: TDb, url: string, count: number) => {
  const { encryptSecret } = await import("../../lib/secrets");
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.forwardingRule.createMany({
    data: ids.map((id, index) => ({
      id,
      name: `bench ${index + 1}`,
      url,
      types: JSON.stringify(["message.*"]),
      secret: encryptSecret("whsec_bench"),
      secretHint: "whsec_benc…",
    })),
  });
  return ids;
};

/** Rules stop matching once disabled; each instance reads the enabled rules at most every 2 s. */
export const disableRules = (db: TDb, ids: string[]) =>
  db.forwardingRule.updateMany({ where: { id: { in: ids } }, data: { isEnabled: false } });
export const RULES_CACHE_MS = 2500;
