import { randomUUID } from "node:crypto";
import { getDb } from "../../db";
import { AppError } from "../../errors";
import { decryptSecret, encryptSecret, hashSecret } from "../../secrets";
import { isAppid } from "../../wechat/appid";
import {
  buildTextReply,
  messageDedupeKey,
  openAuthorizerMessage,
  sealPassiveReply,
  type TAuthorizerMessage,
  type TReceivedMessage,
} from "../../wechat/message";
import type { TPushQuery } from "../../wechat/push";
import { isReleaseCheckAppid, releaseCheckAnswer } from "../../wechat/release-check";
import { assertFreshTimestamp, toPushError } from "../pushes/open-signed-push";
import { defaultPlatform, pushCredentialsOf, type TPlatform } from "../platforms/platform-registry";
import { platformKeyOf } from "../platforms/platform-key";
import { platformDetail } from "../platforms/platform-detail";
import { recordEvent } from "../activity/record-event";
import { answerQueryAuthCode } from "./answer-query-auth-code";
import { storeAuthorizerMessage } from "./store-authorizer-message";
import { deliverClaimedNow } from "../deliveries/deliver-due-deliveries";
import { syncRuleFor } from "../forwarding/enqueue-deliveries";
import { messageEventType, type TForwardEvent } from "../forwarding/match-rules";
import { recordAuditResult } from "../reviews/record-audit-result";
import { AUDIT_EVENTS, AUDIT_WEBHOOK_TYPES, isAuditEvent } from "../../wechat/mini-program-code";

export type ReceiveAuthorizerMessageOptions = {
  appid: string;
  /** The platform the URL names (the default one for /api/wechat/messages/{appid}). */
  platform?: TPlatform;
  query: TPushQuery;
  body: string;
};

/** What WeChat is answered: "success" (no reply to the user), an empty body, or a sealed passive reply. */
export type TMessageAnswer = {
  body: string;
  /** text: a passive reply in the body; custom: an empty body, a customer-service message follows; none: no reply. */
  replyKind: "none" | "text" | "custom";
  isRetry: boolean;
  /** Work that must not delay the answer (WeChat waits 5 s): the route runs it after answering. */
  followUp?: () => Promise<unknown>;
};

/** "ozy4…dss0": enough to tell senders apart, not enough to be one. */
export const senderHint = (openid: string) => (openid.length > 10 ? `${openid.slice(0, 4)}…${openid.slice(-4)}` : "…");

const recordCheckStep = (platform: TPlatform, appid: string, step: "text" | "event", content: string) => () =>
  recordEvent({
    kind: `release_check.${step}`,
    appid,
    detail: platformDetail(platform),
    message: `Release check: answered the ${step} with the passive reply ${content}`,
    actor: "wechat",
  });

/**
 * The answer for a first attempt: for the release check's ten test accounts what its checker expects (§10.2), for
 * every other account "success" (no reply).
 */
const answerFor = (platform: TPlatform, appid: string, message: TAuthorizerMessage): Omit<TMessageAnswer, "isRetry"> => {
  const check = isReleaseCheckAppid(appid) ? releaseCheckAnswer(message) : { kind: "none" as const };
  if (check.kind === "none") return { body: "success", replyKind: "none" };
  if (check.kind === "query_auth_then_send") {
    const { authCode, content } = check;
    // An empty body at once; the exchange and the customer-service message follow.
    return {
      body: "",
      replyKind: "custom",
      followUp: () => answerQueryAuthCode({ platform, appid, authCode, touser: message.fromUserName, content }),
    };
  }
  const reply = buildTextReply({
    to: message.fromUserName,
    from: message.toUserName,
    content: check.content,
    createTime: Math.floor(Date.now() / 1000),
  });
  return {
    body: sealPassiveReply(reply, pushCredentialsOf(platform)),
    replyKind: "text",
    followUp: recordCheckStep(platform, appid, check.step, check.content),
  };
};

/**
 * What forwarding rules receive: the parsed message (sender and content included: the receivers are the platform's
 * own services) and its XML. An audit result is a miniprogram.audit_* event with its outcome spelled out; rules
 * naming its older type (event.weapp_audit_*) still match it.
 */
const toForwardEvent = (platformKey: string, appid: string, { xml, summary: _summary, ...message }: TReceivedMessage): TForwardEvent => {
  const event = {
    type: messageEventType(message),
    appid,
    platformKey,
    occurredAt: new Date(message.createTime * 1000),
    data: message,
    xml,
  };
  if (!isAuditEvent(message.event)) return event;
  const audit = {
    status: AUDIT_EVENTS[message.event],
    reason: message.fields.Reason ?? null,
    screenshots: (message.fields.ScreenShot ?? "").split("|").filter(Boolean),
  };
  return { ...event, type: AUDIT_WEBHOOK_TYPES[message.event], aliases: [event.type], data: { ...message, audit } };
};

/** An audit result updates the account's review before WeChat is answered (the slow check catches one lost here). */
const recordAuditEvent = (platformKey: string, appid: string, message: TReceivedMessage) =>
  isAuditEvent(message.event)
    ? recordAuditResult({
        ref: { platformKey, appid },
        event: message.event,
        reason: message.fields.Reason || null,
        screenshots: message.fields.ScreenShot || null,
        at: new Date(message.createTime * 1000),
      })
    : undefined;

/** WeChat waits 5 s: the sync receiver gets what is left of 4 s, and its claim outlives that a little. */
const SYNC_BUDGET_MS = 4000;
const SYNC_LEASE_MS = 10_000;

/**
 * A sync rule: its receiver is called now, within what is left of 4 s. A 200 whose body is a reply message is
 * encrypted and becomes the passive reply (and the stored answer, so a retry gets it too); "success", an empty body,
 * an error or a timeout leave the answer "success", and a failed delivery to the worker (async fallback).
 */
const replyOfSyncRule = async ({
  platform,
  appid,
  dedupeKey,
  leaseToken,
  receivedAt,
}: {
  platform: TPlatform;
  appid: string;
  dedupeKey: string;
  leaseToken: string;
  receivedAt: number;
}): Promise<Omit<TMessageAnswer, "isRetry"> | null> => {
  const timeoutMs = Math.max(500, SYNC_BUDGET_MS - (Date.now() - receivedAt));
  const sent = await deliverClaimedNow({ leaseToken, timeoutMs });
  if (!sent || sent.status !== "succeeded") return null;
  const replyXml = sent.answer.body.trim();
  if (!/^<xml>[\s\S]*<MsgType>[\s\S]*<\/xml>$/.test(replyXml)) return null;
  const body = sealPassiveReply(replyXml, pushCredentialsOf(platform));
  await getDb().authorizerMessage.update({
    where: { platformKey_appid_dedupeKey: { platformKey: platformKeyOf(platform), appid, dedupeKey } },
    data: { answer: encryptSecret(body), replyKind: "text" },
  });
  return { body, replyKind: "text" };
};

/**
 * A retry of a message already taken: the first attempt's answer. The row and its answer are written together, so
 * the row that refused this insert already holds it.
 */
const answerOfFirstAttempt = async (platformKey: string, appid: string, dedupeKey: string): Promise<TMessageAnswer> => {
  const row = await getDb().authorizerMessage.findUnique({
    where: { platformKey_appid_dedupeKey: { platformKey, appid, dedupeKey } },
    select: { answer: true, replyKind: true },
  });
  if (!row) throw new AppError("unavailable", "This message was just removed by the retention sweep; WeChat will try again.");
  const replyKind = row.replyKind === "text" || row.replyKind === "custom" ? row.replyKind : "none";
  return { body: decryptSecret(row.answer), replyKind, isRetry: true };
};

/** At most one `message.rejected` event a minute per account and process, however many such posts (the log has each). */
const REFUSAL_EVENT_INTERVAL_MS = 60_000;
const lastRefusalEventAt = new Map<string, number>();

/**
 * A message sealed for one account and posted to another's URL: WeChat fills $APPID$ with the account it delivers
 * for, so this is a captured message replayed at the wrong URL (msg_signature does not cover the URL). 403, like a
 * push for another platform: WeChat would retry a refusal, but WeChat never sends one. The event names the two
 * original ids, never the sender or the content.
 */
const refuseMisaddressed = async ({ appid, toUserName, userName }: { appid: string; toUserName: string; userName: string }) => {
  const addressee = toUserName ? `"${toUserName.slice(0, 40)}"` : "no account (empty ToUserName)";
  const message =
    `Message refused: it was sealed for ${addressee} but posted to the URL of ${appid}, whose original id is ${userName}. ` +
    `Nothing was stored or forwarded. WeChat fills the URL with the account it delivers for: this is most likely a captured message replayed at another account's URL.`;
  const now = Date.now();
  if (now - (lastRefusalEventAt.get(appid) ?? 0) > REFUSAL_EVENT_INTERVAL_MS) {
    if (lastRefusalEventAt.size > 1000) lastRefusalEventAt.clear();
    lastRefusalEventAt.set(appid, now);
    await recordEvent({
      kind: "message.rejected",
      appid,
      outcome: "error",
      message,
      detail: { reason: "wrong_account", toUserName: toUserName.slice(0, 40), userName },
      actor: "wechat",
    });
  }
  return new AppError("forbidden", message, { reason: "wrong_account" });
};

/**
 * POST /api/wechat/messages/:appid. Verifies and decrypts like the authorization-event URL, stores the message
 * (encrypted) once however often WeChat retries it, and answers: the release check's passive reply for its test
 * accounts, "success" otherwise. A retry is answered with the first attempt's exact body, on any instance.
 */
export const receiveAuthorizerMessage = async ({
  appid,
  platform = defaultPlatform(),
  query,
  body,
}: ReceiveAuthorizerMessageOptions): Promise<TMessageAnswer> => {
  const platformKey = platformKeyOf(platform);
  if (!isAppid(appid))
    throw new AppError("bad_request", `"${appid.slice(0, 40)}" is not an appid: the console URL must end with /$APPID$.`);
  let message: TReceivedMessage;
  try {
    message = openAuthorizerMessage(query, body, pushCredentialsOf(platform));
  } catch (error) {
    throw toPushError(error, "Message", platform);
  }
  await assertFreshTimestamp(Number(query.timestamp), "Message");

  const receivedAt = Date.now();
  const dedupeKey = hashSecret(messageDedupeKey(message));
  // The answer is decided before the row is written and stored with it: a retry on any instance finds the answer as
  // soon as it finds the row. (A sync rule's reply replaces it below.)
  const { followUp, ...answer } = answerFor(platform, appid, message);
  const event = toForwardEvent(platformKey, appid, message);
  const syncRule = isReleaseCheckAppid(appid) ? null : await syncRuleFor(event);
  const claim = syncRule ? { ruleId: syncRule.id, leaseToken: randomUUID(), leaseUntil: new Date(receivedAt + SYNC_LEASE_MS) } : undefined;
  const stored = await storeAuthorizerMessage(
    {
      toUserName: message.toUserName,
      row: {
        platformKey,
        appid,
        dedupeKey,
        msgType: message.msgType === "other" ? message.rawMsgType.slice(0, 64) : message.msgType,
        event: message.event?.slice(0, 64) ?? null,
        sender: encryptSecret(message.fromUserName),
        senderHint: senderHint(message.fromUserName),
        summary: encryptSecret(message.summary),
        fields: encryptSecret(JSON.stringify(message.fields)),
        createTime: new Date(message.createTime * 1000),
        answer: encryptSecret(answer.body),
        replyKind: answer.replyKind,
      },
    },
    event,
    claim,
  );
  if (stored.kind === "wrong_account") throw await refuseMisaddressed({ appid, toUserName: message.toUserName, userName: stored.userName });
  if (stored.kind === "retry") return answerOfFirstAttempt(platformKey, appid, dedupeKey);
  await recordAuditEvent(platformKey, appid, message);
  if (claim) {
    const reply = await replyOfSyncRule({ platform, appid, dedupeKey, leaseToken: claim.leaseToken, receivedAt });
    if (reply) return { ...reply, isRetry: false };
  }
  return { ...answer, isRetry: false, followUp };
};
