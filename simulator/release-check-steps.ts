import { RELEASE_CHECK_TEXT } from "../lib/wechat/release-check";
import type { TAccount } from "./accounts";
import { authorizeAccount, cancelAuthorization, mintAuthCode, requireActiveAuthorization } from "./authorizations";
import { sleep, type TDelivery, type TSimulatorContext } from "./context";
import { defaultOpenid } from "./message-content";
import { startMessage, type TMessageRecord } from "./messages";
import type { TSimulatorPlatform } from "./platforms";
import { SCOPES_BY_KIND } from "./scopes";
import { pushNewTicket } from "./tickets";

// One function per step of WeChat's checker (§10.2), each against the platform checked: its URLs, its keys, its
// authorization of the test account. Each answers ok plus a sentence saying what to fix.

export type TStepOutcome = { ok: boolean; detail: string };

const POLL_MS = 25;

/** Polls until `find` returns something or releaseCheckWaitMs pass (simulator shutdown ends it early). */
const waitFor = async <T>(context: TSimulatorContext, find: () => T | undefined): Promise<T | undefined> => {
  const deadline = performance.now() + context.config.releaseCheckWaitMs;
  for (;;) {
    const found = find();
    if (found !== undefined || performance.now() >= deadline || context.shutdown.signal.aborted) return found;
    await sleep(POLL_MS, context.shutdown.signal);
  }
};

const waitSeconds = (context: TSimulatorContext) => `${context.config.releaseCheckWaitMs / 1000} s`;

const quote = (text: string) => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);

const describeDelivery = (delivery: TDelivery) =>
  delivery.status === null ? `no answer: ${delivery.body}` : `answered HTTP ${delivery.status} ${quote(delivery.body)}`;

const outcome = (problems: string[], success: string): TStepOutcome =>
  problems.length === 0 ? { ok: true, detail: success } : { ok: false, detail: problems.join("; ") };

export const ticketStep = async (context: TSimulatorContext, platform: TSimulatorPlatform): Promise<TStepOutcome> => {
  const delivery = await pushNewTicket(context, platform);
  if (delivery.ok) return { ok: true, detail: "the component_verify_ticket push was answered success" };
  return {
    ok: false,
    detail: `the component_verify_ticket push to ${delivery.url} was not answered success: ${describeDelivery(delivery)}`,
  };
};

export const authorizationStep = async (
  context: TSimulatorContext,
  platform: TSimulatorPlatform,
  account: TAccount,
): Promise<TStepOutcome> => {
  // The checker only writes messages to platforms that ask for message management (permission set 1).
  const funcIds = [...new Set([1, ...SCOPES_BY_KIND[account.kind]])];
  const { componentAppid } = platform;
  const { authCode, infoType, delivery } = authorizeAccount(context, { appid: account.appid, componentAppid, funcIds });
  const pushed = await delivery!;
  const isExchanged = () => (context.state.authCodes.get(authCode)?.usedAtMs !== undefined ? true : undefined);
  const exchanged = pushed.ok ? await waitFor(context, isExchanged) : isExchanged();
  const problems: string[] = [];
  if (!pushed.ok) problems.push(`the ${infoType} push was not answered success (${describeDelivery(pushed)})`);
  if (!exchanged) problems.push(`the platform did not exchange the AuthorizationCode with api_query_auth within ${waitSeconds(context)}`);
  return outcome(problems, `the ${infoType} push was answered success and its AuthorizationCode exchanged with api_query_auth`);
};

const lastAnswer = (record: TMessageRecord) => (record.status === null ? record.answer : `HTTP ${record.status} ${quote(record.answer)}`);

/** What is wrong with the answer to a message that expects the passive text reply `expected`. */
const passiveReplyProblems = (record: TMessageRecord, account: TAccount, expected: string): string[] => {
  if (!record.ok) return [`the message URL gave no HTTP 200 in ${record.attempts} attempt(s) (last: ${lastAnswer(record)})`];
  const { reply } = record;
  if (reply.kind === "none")
    return [`expected the passive reply ${expected}, got ${record.isEmptyAnswer ? "an empty body" : quote(record.answer)}`];
  if (reply.kind === "invalid") return [`the answer is not a valid encrypted passive reply (${reply.error}): expected ${expected}`];
  if (reply.kind === "other") return [`expected a text reply ${expected}, got MsgType ${reply.msgType}`];
  const problems: string[] = [];
  if (reply.content !== expected) problems.push(`expected ${expected}, got ${quote(reply.content)}`);
  if (reply.toUserName !== record.openid)
    problems.push(`the reply's ToUserName is ${quote(reply.toUserName)}, not the sender ${record.openid}`);
  if (reply.fromUserName !== account.userName) {
    problems.push(`the reply's FromUserName is ${quote(reply.fromUserName)}, not the account's ${account.userName}`);
  }
  return problems;
};

const sendAndExpectReply = async (
  context: TSimulatorContext,
  platform: TSimulatorPlatform,
  account: TAccount,
  event: string | undefined,
  expected: string,
) => {
  const options = event ? { kind: "event" as const, event } : { kind: "text" as const, content: RELEASE_CHECK_TEXT };
  const sender = { appid: account.appid, componentAppid: platform.componentAppid, openid: defaultOpenid(account.appid) };
  const record = await startMessage(context, { ...sender, ...options }).done;
  return outcome(passiveReplyProblems(record, account, expected), `answered with the encrypted passive reply ${expected}`);
};

export const textStep = (context: TSimulatorContext, platform: TSimulatorPlatform, account: TAccount) =>
  sendAndExpectReply(context, platform, account, undefined, `${RELEASE_CHECK_TEXT}_callback`);

export const eventStep = (context: TSimulatorContext, platform: TSimulatorPlatform, account: TAccount) => {
  const event = account.kind === "official_account" ? "LOCATION" : "user_enter_tempsession";
  return sendAndExpectReply(context, platform, account, event, `${event}from_callback`);
};

export const apiTextStep = async (context: TSimulatorContext, platform: TSimulatorPlatform, account: TAccount): Promise<TStepOutcome> => {
  const { componentAppid } = platform;
  requireActiveAuthorization(context, account.appid, componentAppid);
  // A code of the platform checked: it exchanges the code with its own component token, and answers with the token it gets.
  const code = mintAuthCode(context, account.appid, componentAppid);
  const openid = defaultOpenid(account.appid);
  const expected = `${code}_from_api`;
  const firstId = context.state.nextCustomMessageId;
  const codeMessage = { appid: account.appid, componentAppid, openid, kind: "text" as const, content: `QUERY_AUTH_CODE:${code}` };
  const record = await startMessage(context, codeMessage).done;
  const problems: string[] = [];
  if (!record.ok) problems.push(`the message URL gave no HTTP 200 in ${record.attempts} attempt(s) (last: ${lastAnswer(record)})`);
  else if (!record.isEmptyAnswer) problems.push(`expected an empty body at once, got ${quote(record.answer)}`);

  const codeRecord = () => context.state.authCodes.get(code);
  const candidates = () => context.state.customMessages.filter((message) => message.id >= firstId && message.content.includes(code));
  const isRight = (message: (typeof context.state.customMessages)[number]) =>
    message.appid === account.appid &&
    message.touser === openid &&
    message.msgtype === "text" &&
    message.content === expected &&
    message.accessToken === codeRecord()?.issuedAccessToken;
  const sent = await waitFor(context, () => candidates().find(isRight));
  if (!sent) {
    const last = candidates().at(-1);
    const lastRefusal = context.state.calls
      .filter((call) => call.api === "message/custom/send" && call.errcode !== 0 && JSON.stringify(call.body).includes(code))
      .at(-1);
    if (codeRecord()?.usedAtMs === undefined)
      problems.push(`api_query_auth was not called with the code from the message within ${waitSeconds(context)}`);
    if (last && last.accessToken !== codeRecord()?.issuedAccessToken) {
      problems.push("the customer-service message was sent with an access token api_query_auth did not issue for this code");
    } else if (last) {
      problems.push(
        `expected a text message ${quote(expected)} to ${openid}, got ${last.msgtype} ${quote(last.content)} to ${last.touser}`,
      );
    } else if (lastRefusal) {
      problems.push(`message/custom/send answered errcode ${lastRefusal.errcode}`);
    } else {
      problems.push(`no message/custom/send with ${quote(expected)} arrived within ${waitSeconds(context)}`);
    }
  }
  return outcome(problems, `answered empty at once, then sent ${quote(expected)} with the token api_query_auth issued for the code`);
};

export const cancellationStep = async (
  context: TSimulatorContext,
  platform: TSimulatorPlatform,
  account: TAccount,
): Promise<TStepOutcome> => {
  const delivery = await cancelAuthorization(context, account.appid, platform.componentAppid);
  if (delivery.ok) return { ok: true, detail: "the unauthorized push was answered success" };
  return { ok: false, detail: `the unauthorized push was not answered success: ${describeDelivery(delivery)}` };
};
