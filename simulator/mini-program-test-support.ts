import type { TestContext } from "node:test";
import type { TSimulatorConfig } from "./config";
import { startFakePlatform, type TFakePlatform, type TPlatformCredentials } from "./platform-test-support";
import { SECOND_PLATFORM_CREDENTIALS, startHarness, TEST_CREDENTIALS } from "./test-support";

/** Shared by the code-management tests: a simulator whose message URLs are fake platforms, and real tokens. */

/** 10:00 on 12 January 2026 in Beijing: mid-month, so day and month quotas are not cut by a real month's end. */
export const FIXED_NOW = Date.UTC(2026, 0, 12, 2);

export type TWxaOptions = { method?: "GET" | "POST"; body?: unknown; query?: Record<string, string> };
// Tests read WeChat's JSON answers field by field, as the *.test.ts files may (eslint.config.mjs).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TJson = Record<string, any>;

export const startCodeHarness = async (t: TestContext, config: TSimulatorConfig = {}) => {
  const platform = await startFakePlatform();
  const platformB = await startFakePlatform(SECOND_PLATFORM_CREDENTIALS);
  t.after(() => Promise.all([platform.close(), platformB.close()]));
  const harness = await startHarness(t, { messageUrl: platform.messageUrl, now: () => FIXED_NOW, ...config });
  const { simulator, api } = harness;
  simulator.addPlatform({ ...SECOND_PLATFORM_CREDENTIALS, notifyUrl: platformB.notifyUrl, messageUrl: platformB.messageUrl });
  const tokenA = await harness.componentToken();
  await simulator.pushTicket(SECOND_PLATFORM_CREDENTIALS.componentAppid);
  const ticketB = simulator.platforms().find((item) => item.componentAppid === SECOND_PLATFORM_CREDENTIALS.componentAppid)?.latestTicket;
  const tokenB = (
    await api("api_component_token", {
      component_appid: SECOND_PLATFORM_CREDENTIALS.componentAppid,
      component_appsecret: SECOND_PLATFORM_CREDENTIALS.componentAppsecret,
      component_verify_ticket: ticketB?.ticket,
    })
  ).component_access_token as string;

  /** Authorizes the account (the primary platform unless B's credentials are given) and exchanges the code for its token. */
  const authorize = async (appid: string, options: { funcIds?: number[]; platform?: TPlatformCredentials } = {}) => {
    const credentials = options.platform ?? TEST_CREDENTIALS;
    const isB = credentials.componentAppid === SECOND_PLATFORM_CREDENTIALS.componentAppid;
    const { authCode } = simulator.authorizeProgrammatically({
      appid,
      componentAppid: credentials.componentAppid,
      funcIds: options.funcIds,
      shouldPush: false,
    });
    const auth = await api(
      "api_query_auth",
      { component_appid: credentials.componentAppid, authorization_code: authCode },
      { component_access_token: isB ? tokenB : tokenA },
    );
    return auth.authorization_info.authorizer_access_token as string;
  };

  /** Calls a path with a token as access_token (POST with a JSON body unless told); answers the raw response. */
  const request = (path: string, token: string, { method = "POST", body, query = {} }: TWxaOptions = {}) =>
    fetch(`${simulator.url}${path}?${new URLSearchParams({ access_token: token, ...query })}`, {
      method,
      body: body === undefined ? (method === "POST" ? "{}" : undefined) : typeof body === "string" ? body : JSON.stringify(body),
    });
  const wxa = async (path: string, token: string, options: TWxaOptions = {}) =>
    (await (await request(path, token, options)).json()) as TJson;
  const get = (path: string, token: string, query: Record<string, string> = {}) => wxa(path, token, { method: "GET", query });

  /** Commits template 1 with the given ext_json (an object is stringified here, as clients must). */
  const commit = (token: string, fields: { template_id?: number; ext?: unknown; user_version?: string } = {}) =>
    wxa("/wxa/commit", token, {
      body: {
        template_id: fields.template_id ?? 1,
        ext_json: JSON.stringify(fields.ext ?? { extAppid: "wx", ext: { shop: 1 } }),
        user_version: fields.user_version ?? "1.0.0",
        user_desc: `release ${fields.user_version ?? "1.0.0"}`,
      },
    });
  /** Commits, waits out the privacy scan, submits; answers the auditid. */
  const commitAndSubmit = async (token: string, userVersion: string) => {
    const committed = await commit(token, { user_version: userVersion });
    if (committed.errcode !== 0) throw new Error(`commit: ${JSON.stringify(committed)}`);
    simulator.advanceClock(simulator.config.privacyScanSeconds + 1);
    const submitted = await wxa("/wxa/submit_audit", token, { body: { item_list: [] } });
    if (submitted.errcode !== 0) throw new Error(`submit_audit: ${JSON.stringify(submitted)}`);
    return submitted.auditid as number;
  };
  return { ...harness, platform, platformB, tokenA, tokenB, authorize, request, wxa, get, commit, commitAndSubmit };
};

/** Waits (polling, 5 s at most) for the fake platform to have received a message matching the predicate. */
export const waitForMessage = async (platform: TFakePlatform, predicate: (event: string | null) => boolean) => {
  for (let waited = 0; waited < 5000; waited += 10) {
    const found = platform.messages.find((received) => predicate(received.message.event));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("no such message arrived");
};
