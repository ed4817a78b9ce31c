import { getDb } from "../../db";
import { AppError } from "../../errors";
import { decryptSecret, encryptSecret } from "../../secrets";
import { WechatApiError } from "../../wechat/errors";
import { getLatestVerifyTicket } from "./get-latest-verify-ticket";
import { getTokenSource, upstreamOnlyError } from "../upstream/get-token-source";
import { withLease } from "../support/lease";
import { readUpstreamToken } from "../upstream/read-upstream-token";
import { recordEvent } from "../activity/record-event";
import { requestTicketPush } from "./request-ticket-push";
import { singleFlight } from "../support/single-flight";
import { getWechatClient } from "../support/wechat-client";
import { defaultPlatform, type TPlatform } from "../platforms/platform-registry";
import { platformDetail, platformScoped } from "../platforms/platform-detail";

/** A stored token is served while more than this remains; past it, the next caller refreshes. */
export const COMPONENT_TOKEN_MARGIN_MS = 15 * 60 * 1000;
const LEASE_TTL_MS = 30_000;
const WAIT_FOR_OTHER_INSTANCE_MS = 15_000;
const TICKET_ERRCODES = new Set([61005, 61006]);

export type TComponentAccessToken = { accessToken: string; expiresAt: Date; fetchedAt: Date };

export type GetComponentAccessTokenOptions = { force?: boolean; platform?: TPlatform };

const readStored = async (platform: TPlatform): Promise<TComponentAccessToken | undefined> => {
  const row = await getDb().componentToken.findUnique({ where: { componentAppid: platform.componentAppid } });
  return row ? { accessToken: decryptSecret(row.accessToken), expiresAt: row.expiresAt, fetchedAt: row.fetchedAt } : undefined;
};

const isFresh = (token: TComponentAccessToken | undefined, now = Date.now()): token is TComponentAccessToken =>
  Boolean(token && token.expiresAt.getTime() - now > COMPONENT_TOKEN_MARGIN_MS);

/** Stores a component token api_component_token answered (encrypted), for its platform. */
export const storeComponentToken = async (
  { componentAppid }: Pick<TPlatform, "componentAppid">,
  answer: { accessToken: string; expiresIn: number },
) => {
  const fetchedAt = new Date();
  const expiresAt = new Date(fetchedAt.getTime() + answer.expiresIn * 1000);
  const sealed = encryptSecret(answer.accessToken);
  await getDb().componentToken.upsert({
    where: { componentAppid },
    create: { componentAppid, accessToken: sealed, expiresAt, fetchedAt },
    update: { accessToken: sealed, expiresAt, fetchedAt },
  });
  return { expiresAt, fetchedAt };
};

const fetchAndStore = async (platform: TPlatform): Promise<TComponentAccessToken> => {
  const ticket = await getLatestVerifyTicket(new Date(), platform);
  if (!ticket) {
    await requestTicketPush({ reason: "no valid component_verify_ticket stored", platform });
    throw new AppError(
      "unavailable",
      "No valid component_verify_ticket has been received yet; WeChat was asked to push one. Check that the authorization-event URL is configured.",
    );
  }
  let answer: { accessToken: string; expiresIn: number };
  try {
    answer = await getWechatClient(platform).fetchComponentAccessToken(ticket.ticket);
  } catch (error) {
    const errcode = error instanceof WechatApiError ? error.errcode : null;
    await recordEvent({
      kind: "component_token.failed",
      outcome: "error",
      errcode,
      message: (error as Error).message,
      detail: platformDetail(platform),
    });
    if (errcode !== null && TICKET_ERRCODES.has(errcode))
      await requestTicketPush({ reason: `api_component_token answered ${errcode}`, platform });
    throw error;
  }
  const { expiresAt, fetchedAt } = await storeComponentToken(platform, answer);
  await recordEvent({ kind: "component_token.refreshed", detail: { expiresAt: expiresAt.toISOString(), ...platformDetail(platform) } });
  return { accessToken: answer.accessToken, expiresAt, fetchedAt };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Refreshes under a database lease; an instance that finds the lease taken waits for the holder's result. */
const refresh = async (platform: TPlatform, force: boolean): Promise<TComponentAccessToken> => {
  const startedAt = Date.now();
  const isNewEnough = (token: TComponentAccessToken | undefined): boolean =>
    isFresh(token) && (!force || token.fetchedAt.getTime() >= startedAt);
  for (;;) {
    const result = await withLease({ name: platformScoped("component-token", platform), ttlMs: LEASE_TTL_MS }, async () => {
      const current = await readStored(platform);
      return current && isNewEnough(current) ? current : fetchAndStore(platform);
    });
    if (result.acquired) return result.value;
    await sleep(200);
    const current = await readStored(platform);
    if (current && isNewEnough(current)) return current;
    if (Date.now() - startedAt > WAIT_FOR_OTHER_INSTANCE_MS) {
      if (current && current.expiresAt.getTime() > Date.now()) return current;
      throw new AppError(
        "unavailable",
        "Another instance is refreshing the component_access_token and has not finished; try again shortly.",
      );
    }
  }
};

/**
 * A platform's component_access_token (the default platform's unless told): the stored one while more than 15 minutes remain, else a new one from
 * api_component_token with the latest ticket. Concurrent callers share one request (in this process and, through
 * the lease, across instances). A WeChat error keeps the old token and raises WechatApiError.
 */
export const getComponentAccessToken = async ({
  force = false,
  platform = defaultPlatform(),
}: GetComponentAccessTokenOptions = {}): Promise<TComponentAccessToken> => {
  const source = getTokenSource();
  // Staging reads production's token instead of fetching one (which would retire production's).
  if (source.mode === "upstream") {
    if (!platform.isDefault)
      throw new AppError("unavailable", `TOKEN_UPSTREAM_URL serves the default platform's tokens only, not ${platform.componentAppid}'s.`);
    if (force) throw upstreamOnlyError(source.url, "refresh the component_access_token");
    return { ...(await readUpstreamToken()), fetchedAt: new Date() };
  }
  if (!force) {
    const stored = await readStored(platform);
    if (isFresh(stored)) return stored;
  }
  return singleFlight(platformScoped(force ? "component-token:force" : "component-token", platform), () => refresh(platform, force));
};
