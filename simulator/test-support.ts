import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestContext } from "node:test";
import { openComponentPush } from "../lib/wechat/push";
import type { TXmlObject } from "../lib/wechat/xml";
import type { TSimulatorConfig } from "./config";
import { startSimulator } from "./simulator";
import type { TSimulator } from "./simulator-types";

/** Shared by the simulator's tests: a simulator plus a receiver standing in for the platform's event URL. */

export const TEST_CREDENTIALS = {
  componentAppid: "wx00112233aabbccdd",
  componentAppsecret: "test-component-secret",
  token: "testtoken",
  encodingAesKey: "TestKeyTestKeyTestKeyTestKeyTestKeyTestKey1",
};

/** A platform the tests add beside the primary one (simulator.addPlatform), with keys of its own. */
export const SECOND_PLATFORM_CREDENTIALS = {
  componentAppid: "wx00000000000000b0",
  componentAppsecret: "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0",
  token: "brandBtoken",
  encodingAesKey: "BBBBBBBBBBbbbbbbbbbb0123456789ABCDEFGHIJKLM",
};

export type TReceivedPush = {
  query: Record<string, string>;
  body: string;
  contentType: string;
  message: TXmlObject;
};

export type TReceiver = {
  url: string;
  pushes: TReceivedPush[];
  /** What the next answers are; the last entry repeats. */
  answers: string[];
  waitFor: (predicate: (push: TReceivedPush) => boolean) => Promise<TReceivedPush>;
  close: () => Promise<void>;
};

/** Opens every push with the production opener, so a bad signature or ciphertext fails the test. */
export const startReceiver = async (): Promise<TReceiver> => {
  const waiters: { predicate: (push: TReceivedPush) => boolean; resolve: (push: TReceivedPush) => void }[] = [];
  const receiver = { pushes: [] as TReceivedPush[], answers: ["success"] } as TReceiver;
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const query = Object.fromEntries(new URL(request.url ?? "/", "http://receiver").searchParams);
    let message: TXmlObject;
    try {
      message = openComponentPush(query, body, TEST_CREDENTIALS);
    } catch (error) {
      // A push the production opener refuses is answered like the app would: not "success".
      response.statusCode = 400;
      return response.end(String(error));
    }
    const push = { query, body, contentType: request.headers["content-type"] ?? "", message };
    receiver.pushes.push(push);
    const answer = receiver.answers.length > 1 ? receiver.answers.shift()! : receiver.answers[0];
    response.end(answer);
    for (const waiter of waiters.filter((item) => item.predicate(push))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(push);
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/wechat/notify`;
  receiver.waitFor = (predicate) => {
    const existing = receiver.pushes.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => waiters.push({ predicate, resolve }));
  };
  receiver.close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
};

export type THarness = {
  simulator: TSimulator;
  receiver: TReceiver;
  /** POSTs JSON to a component API; `query` is added to the URL. */
  api: (api: string, body: unknown, query?: Record<string, string>) => Promise<Record<string, any>>;
  /** Pushes a ticket and exchanges it for a component_access_token. */
  componentToken: () => Promise<string>;
  preAuthCode: (token: string) => Promise<string>;
};

export const APP_ORIGIN = "https://app.test";

export const startHarness = async (t: TestContext, config: TSimulatorConfig = {}): Promise<THarness> => {
  const receiver = await startReceiver();
  const simulator = await startSimulator(
    {
      ...TEST_CREDENTIALS,
      port: 0,
      notifyUrl: receiver.url,
      ticketIntervalSeconds: 0,
      authDomains: ["app.test"],
      pushRetryDelayMs: 10,
      ...config,
    },
    { onError: () => {} },
  );
  t.after(async () => {
    await simulator.close();
    await receiver.close();
  });
  const api: THarness["api"] = async (name, body, query = {}) => {
    const search = new URLSearchParams(query).toString();
    const response = await fetch(`${simulator.url}/cgi-bin/component/${name}${search ? `?${search}` : ""}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return (await response.json()) as Record<string, any>;
  };
  const componentToken = async () => {
    const delivery = await simulator.pushTicket();
    if (!delivery.ok) throw new Error(`ticket push failed: ${JSON.stringify(delivery)}`);
    const answer = await api("api_component_token", {
      component_appid: TEST_CREDENTIALS.componentAppid,
      component_appsecret: TEST_CREDENTIALS.componentAppsecret,
      component_verify_ticket: simulator.latestTicket()!.ticket,
    });
    return answer.component_access_token as string;
  };
  const preAuthCode = async (token: string) => {
    const answer = await api(
      "api_create_preauthcode",
      { component_appid: TEST_CREDENTIALS.componentAppid },
      { component_access_token: token },
    );
    return answer.pre_auth_code as string;
  };
  return { simulator, receiver, api, componentToken, preAuthCode };
};
