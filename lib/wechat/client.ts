import { z } from "zod";
import { WechatApiError, WechatTransportError } from "./errors";

// Shaped like easywechat's OpenPlatform client: injected fetch, every answer validated, errcode checked
// (WeChat answers errors inside HTTP 200, so a 200 is not success).

export type TWechatClientOptions = {
  apiBase: string;
  componentAppid: string;
  componentAppsecret: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

const ZErrorAnswer = z.object({ errcode: z.number(), errmsg: z.string().default("") });

const ZComponentToken = z.object({ component_access_token: z.string().min(1), expires_in: z.number().int().positive() });
const ZPreAuthCode = z.object({ pre_auth_code: z.string().min(1), expires_in: z.number().int().positive() });
const ZFuncInfo = z.array(z.object({ funcscope_category: z.object({ id: z.number().int() }) }).passthrough()).default([]);

export const ZAuthorizationInfo = z.object({
  authorizer_appid: z.string().min(1),
  authorizer_access_token: z.string().min(1).optional(),
  expires_in: z.number().int().positive().optional(),
  authorizer_refresh_token: z.string().min(1).optional(),
  func_info: ZFuncInfo,
});
const ZQueryAuth = z.object({ authorization_info: ZAuthorizationInfo });

const ZAuthorizerToken = z.object({
  authorizer_access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  authorizer_refresh_token: z.string().min(1).optional(),
});

const ZTypeInfo = z.object({ id: z.number().int() }).passthrough().optional();
export const ZAuthorizerProfile = z
  .object({
    nick_name: z.string().default(""),
    head_img: z.string().default(""),
    service_type_info: ZTypeInfo,
    verify_type_info: ZTypeInfo,
    user_name: z.string().default(""),
    principal_name: z.string().default(""),
    alias: z.string().default(""),
    qrcode_url: z.string().default(""),
    account_status: z.number().int().optional(),
    signature: z.string().optional(),
    MiniProgramInfo: z.unknown().optional(),
  })
  .passthrough();
const ZAuthorizerInfo = z.object({
  authorizer_info: ZAuthorizerProfile,
  authorization_info: z
    .object({ authorizer_appid: z.string(), authorizer_refresh_token: z.string().optional(), func_info: ZFuncInfo })
    .passthrough(),
});

const ZAuthorizerList = z.object({
  total_count: z.number().int().nonnegative(),
  list: z.array(z.object({ authorizer_appid: z.string(), refresh_token: z.string(), auth_time: z.number().int() })).default([]),
});

export type TAuthorizationInfo = z.infer<typeof ZAuthorizationInfo>;
export type TAuthorizerProfile = z.infer<typeof ZAuthorizerProfile>;
export type TAuthorizerInfo = z.infer<typeof ZAuthorizerInfo>;
export type TAuthorizerList = z.infer<typeof ZAuthorizerList>;

/** The granted permission-set ids of a func_info list. */
export const funcInfoIds = (funcInfo: TAuthorizationInfo["func_info"]): number[] =>
  [...new Set(funcInfo.map((entry) => entry.funcscope_category.id))].sort((a, b) => a - b);

/** A mini program's profile carries MiniProgramInfo; an official account's does not. */
export const isMiniProgram = (profile: TAuthorizerProfile) => profile.MiniProgramInfo !== undefined && profile.MiniProgramInfo !== null;

export const createWechatClient = (options: TWechatClientOptions) => {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  /** `token` goes in the query as component_access_token (component APIs) or access_token (an authorizer's APIs). */
  const post = async <T>(
    path: string,
    body: Record<string, unknown>,
    schema: z.ZodType<T>,
    componentAccessToken?: string,
    token?: { access_token: string },
  ): Promise<T> => {
    const query = componentAccessToken ? { component_access_token: componentAccessToken } : token;
    const url = `${options.apiBase}${path}${query ? `?${new URLSearchParams(query)}` : ""}`;
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : (error as Error).message;
      throw new WechatTransportError(`WeChat ${path} could not be reached: ${reason}`, path);
    }
    if (!response.ok) throw new WechatTransportError(`WeChat ${path} answered HTTP ${response.status}`, path, response.status);
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new WechatTransportError(`WeChat ${path} answered something that is not JSON`, path, response.status);
    }
    const error = ZErrorAnswer.safeParse(json);
    if (error.success && error.data.errcode !== 0) throw new WechatApiError(error.data.errcode, error.data.errmsg, path);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new WechatTransportError(
        `WeChat ${path} answered an unexpected shape: ${parsed.error.issues.map((issue) => issue.path.join(".") || issue.message).join(", ")}`,
        path,
        response.status,
      );
    }
    return parsed.data;
  };

  const componentAppid = options.componentAppid;

  return {
    /** api_component_token: a component_access_token from the latest verify ticket. */
    fetchComponentAccessToken: async (componentVerifyTicket: string) => {
      const answer = await post(
        "/cgi-bin/component/api_component_token",
        {
          component_appid: componentAppid,
          component_appsecret: options.componentAppsecret,
          component_verify_ticket: componentVerifyTicket,
        },
        ZComponentToken,
      );
      return { accessToken: answer.component_access_token, expiresIn: answer.expires_in };
    },

    /** api_start_push_ticket: asks WeChat to push component_verify_ticket again. Note the field is component_secret. */
    startPushTicket: async () => {
      await post(
        "/cgi-bin/component/api_start_push_ticket",
        { component_appid: componentAppid, component_secret: options.componentAppsecret },
        ZErrorAnswer,
      );
    },

    /** clear_quota/v2 (§3.9): resets the platform's own daily API counters with the secret; 10 times a month (then 48006). */
    clearComponentQuota: async () => {
      await post(
        "/cgi-bin/component/clear_quota/v2",
        { component_appid: componentAppid, appsecret: options.componentAppsecret },
        ZErrorAnswer,
      );
    },

    createPreAuthCode: async (componentAccessToken: string) => {
      const answer = await post(
        "/cgi-bin/component/api_create_preauthcode",
        { component_appid: componentAppid },
        ZPreAuthCode,
        componentAccessToken,
      );
      return { preAuthCode: answer.pre_auth_code, expiresIn: answer.expires_in };
    },

    queryAuth: async (componentAccessToken: string, authorizationCode: string) =>
      (
        await post(
          "/cgi-bin/component/api_query_auth",
          { component_appid: componentAppid, authorization_code: authorizationCode },
          ZQueryAuth,
          componentAccessToken,
        )
      ).authorization_info,

    refreshAuthorizerToken: async (componentAccessToken: string, authorizerAppid: string, authorizerRefreshToken: string) => {
      const answer = await post(
        "/cgi-bin/component/api_authorizer_token",
        {
          component_appid: componentAppid,
          authorizer_appid: authorizerAppid,
          authorizer_refresh_token: authorizerRefreshToken,
        },
        ZAuthorizerToken,
        componentAccessToken,
      );
      return { accessToken: answer.authorizer_access_token, expiresIn: answer.expires_in, refreshToken: answer.authorizer_refresh_token };
    },

    getAuthorizerInfo: async (componentAccessToken: string, authorizerAppid: string) =>
      post(
        "/cgi-bin/component/api_get_authorizer_info",
        { component_appid: componentAppid, authorizer_appid: authorizerAppid },
        ZAuthorizerInfo,
        componentAccessToken,
      ),

    /** api_get_authorizer_list: at most 500 a page (40170 above that). */
    getAuthorizerList: async (componentAccessToken: string, offset: number, count: number) =>
      post(
        "/cgi-bin/component/api_get_authorizer_list",
        { component_appid: componentAppid, offset, count },
        ZAuthorizerList,
        componentAccessToken,
      ),

    /** message/custom/send (§10.3) with an authorizer's access token: a text to a user who wrote in the last 48 h (45015 otherwise). */
    sendCustomText: async (authorizerAccessToken: string, touser: string, content: string) => {
      await post("/cgi-bin/message/custom/send", { touser, msgtype: "text", text: { content } }, ZErrorAnswer, undefined, {
        access_token: authorizerAccessToken,
      });
    },
  };
};

export type TWechatClient = ReturnType<typeof createWechatClient>;
