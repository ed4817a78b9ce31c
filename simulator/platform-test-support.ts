import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildTextReply, openAuthorizerMessage, sealPassiveReply, type TAuthorizerMessage } from "../lib/wechat/message";
import { openComponentPush } from "../lib/wechat/push";
import { releaseCheckAnswer } from "../lib/wechat/release-check";
import { xmlText, type TXmlObject } from "../lib/wechat/xml";
import { TEST_CREDENTIALS } from "./test-support";

/** Shared by the message tests: a fake platform serving the notify URL and the message URL ($APPID$ in the path). */

/** A platform's own keys: it opens what WeChat sends it, and seals its replies, with them. */
export type TPlatformCredentials = typeof TEST_CREDENTIALS;

export type TReceivedMessage = { appid: string; query: Record<string, string>; body: string; message: TAuthorizerMessage };

/** A string answers HTTP 200 with it; `hang` never answers (WeChat's 5 s timeout then applies). */
export type TPlatformAnswer = string | { status: number; body: string } | "hang";

export type TFakePlatform = {
  credentials: TPlatformCredentials;
  origin: string;
  notifyUrl: string;
  messageUrl: string;
  messages: TReceivedMessage[];
  pushes: TXmlObject[];
  onMessage: (received: TReceivedMessage) => TPlatformAnswer | Promise<TPlatformAnswer>;
  onPush: (message: TXmlObject) => string | Promise<string>;
  close: () => Promise<void>;
};

/** The primary platform of startHarness unless given another platform's credentials (one added with addPlatform). */
export const startFakePlatform = async (credentials: TPlatformCredentials = TEST_CREDENTIALS): Promise<TFakePlatform> => {
  const platform = {
    credentials,
    messages: [],
    pushes: [],
    onMessage: () => "success",
    onPush: () => "success",
  } as unknown as TFakePlatform;
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", "http://platform");
    const query = Object.fromEntries(url.searchParams);
    try {
      if (url.pathname === "/api/wechat/notify") {
        const message = openComponentPush(query, body, credentials);
        platform.pushes.push(message);
        return response.end(await platform.onPush(message));
      }
      const appid = /^\/api\/wechat\/messages\/([^/]+)$/.exec(url.pathname)?.[1];
      if (!appid) return response.writeHead(404).end("no such path");
      const received = { appid, query, body, message: openAuthorizerMessage(query, body, credentials) };
      platform.messages.push(received);
      const answer = await platform.onMessage(received);
      if (answer === "hang") return; // closeAllConnections() at the end ends it
      if (typeof answer === "string") return response.end(answer);
      response.writeHead(answer.status).end(answer.body);
    } catch (error) {
      // What the production opener refuses is answered like the app would: not 200.
      response.writeHead(400).end(String(error));
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  platform.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  platform.notifyUrl = `${platform.origin}/api/wechat/notify`;
  platform.messageUrl = `${platform.origin}/api/wechat/messages/$APPID$`;
  platform.close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return platform;
};

/** A passive text reply to `message`, sealed as a platform answers it (To and From swapped). */
export const passiveText = (message: TAuthorizerMessage, content: string, credentials: TPlatformCredentials = TEST_CREDENTIALS) =>
  sealPassiveReply(
    buildTextReply({ to: message.fromUserName, from: message.toUserName, content, createTime: message.createTime }),
    credentials,
  );

/**
 * Plays a platform that passes the release check, the way wxopen does it: keeps the ticket, exchanges every
 * AuthorizationCode, answers the checker's messages with lib/wechat/release-check.ts.
 */
export const answerLikeAReleasedPlatform = (platform: TFakePlatform, simulatorUrl: () => string) => {
  const { componentAppid, componentAppsecret } = platform.credentials;
  let ticket = "";
  const post = async (path: string, body: unknown) =>
    (await (await fetch(`${simulatorUrl()}${path}`, { method: "POST", body: JSON.stringify(body) })).json()) as Record<string, unknown>;
  const queryAuth = async (code: string) => {
    const token = await post("/cgi-bin/component/api_component_token", {
      component_appid: componentAppid,
      component_appsecret: componentAppsecret,
      component_verify_ticket: ticket,
    });
    const auth = await post(`/cgi-bin/component/api_query_auth?component_access_token=${String(token.component_access_token)}`, {
      component_appid: componentAppid,
      authorization_code: code,
    });
    return (auth.authorization_info as { authorizer_access_token: string }).authorizer_access_token;
  };
  platform.onPush = (message) => {
    const infoType = xmlText(message, "InfoType");
    if (infoType === "component_verify_ticket") ticket = xmlText(message, "ComponentVerifyTicket") ?? "";
    // Like wxopen: answer success first, exchange the code after (a test may close the simulator meanwhile).
    if (infoType === "authorized" || infoType === "updateauthorized")
      queryAuth(xmlText(message, "AuthorizationCode") ?? "").catch(() => {});
    return "success";
  };
  platform.onMessage = ({ message }) => {
    const answer = releaseCheckAnswer(message);
    if (answer.kind === "passive_text") return passiveText(message, answer.content, platform.credentials);
    if (answer.kind === "none") return "success";
    (async () => {
      const accessToken = await queryAuth(answer.authCode);
      const body = { touser: message.fromUserName, msgtype: "text", text: { content: answer.content } };
      await post(`/cgi-bin/message/custom/send?access_token=${accessToken}`, body);
    })().catch(() => {});
    return "";
  };
};
