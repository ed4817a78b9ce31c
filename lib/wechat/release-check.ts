import type { TAuthorizerMessage } from "./message";

// WeChat's release check (全网发布接入检测, protocol reference §10.2): before a platform may serve accounts beyond its
// test list, WeChat's checker writes to one of five random groups of test accounts. All ten must be answered.

export const RELEASE_CHECK_ACCOUNTS = [
  { group: 1, kind: "official_account", appid: "wx570bc396a51b8ff8", userName: "gh_3c884a361561" },
  { group: 1, kind: "mini_program", appid: "wxd101a85aa106f53e", userName: "gh_8dad206e9538" },
  { group: 2, kind: "official_account", appid: "wx9252c5e0bb1836fc", userName: "gh_c0f28a78b318" },
  { group: 2, kind: "mini_program", appid: "wxc39235c15087f6f3", userName: "gh_905ae9d01059" },
  { group: 3, kind: "official_account", appid: "wx8e1097c5bc82cde9", userName: "gh_3f222ed8d140" },
  { group: 3, kind: "mini_program", appid: "wx7720d01d4b2a4500", userName: "gh_393666f1fdf4" },
  { group: 4, kind: "official_account", appid: "wx14550af28c71a144", userName: "gh_26128078e9ab" },
  { group: 4, kind: "mini_program", appid: "wx05d483572dcd5d8b", userName: "gh_39abb5d4e1b7" },
  { group: 5, kind: "official_account", appid: "wxa35b9c23cfe664eb", userName: "gh_2b3713f184a6" },
  { group: 5, kind: "mini_program", appid: "wx5910277cae6fd970", userName: "gh_7818dcb60240" },
] as const;

const CHECK_APPIDS = new Set<string>(RELEASE_CHECK_ACCOUNTS.map((account) => account.appid));

/** Only these ten appids get the checker's answers; every other account's messages are handled normally. */
export const isReleaseCheckAppid = (appid: string) => CHECK_APPIDS.has(appid);

export const RELEASE_CHECK_TEXT = "TESTCOMPONENT_MSG_TYPE_TEXT";
const QUERY_AUTH_CODE_PREFIX = "QUERY_AUTH_CODE:";

/** What the checker expects for one message to a test account. */
export type TReleaseCheckAnswer =
  /** Reply at once with this text, passively (encrypted in the answer). */
  | { kind: "passive_text"; step: "text" | "event"; content: string }
  /** Answer an empty body at once; then api_query_auth with the code, and send `content` with the token it returns. */
  | { kind: "query_auth_then_send"; step: "api_text"; authCode: string; content: string }
  /** Nothing the check looks for. */
  | { kind: "none" };

export const releaseCheckAnswer = (message: Pick<TAuthorizerMessage, "msgType" | "event" | "fields">): TReleaseCheckAnswer => {
  if (message.msgType === "text") {
    const content = message.fields.Content ?? "";
    if (content === RELEASE_CHECK_TEXT) return { kind: "passive_text", step: "text", content: `${RELEASE_CHECK_TEXT}_callback` };
    if (content.startsWith(QUERY_AUTH_CODE_PREFIX)) {
      const authCode = content.slice(QUERY_AUTH_CODE_PREFIX.length).trim();
      if (authCode) return { kind: "query_auth_then_send", step: "api_text", authCode, content: `${authCode}_from_api` };
    }
    return { kind: "none" };
  }
  if (message.msgType === "event" && message.event)
    return { kind: "passive_text", step: "event", content: `${message.event}from_callback` };
  return { kind: "none" };
};
