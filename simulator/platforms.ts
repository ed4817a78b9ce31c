import { z } from "zod";
import { isValidEncodingAesKey } from "../lib/wechat/crypto";
import { APPID_PATTERN } from "../lib/wechat/appid";
import type { TSimulatorContext } from "./context";
import { SimulatorError } from "./errors";

// The third-party platforms this WeChat stand-in knows: the one of its configuration (the primary) and any number
// added through the control API (POST /__sim/platforms), each with its own appid, AppSecret, keys and URLs. Tickets
// and component tokens are per platform, as on WeChat: a ticket pushed to one is refused by another's
// api_component_token (61006), and a platform's new token retires only its own older ones. Authorizations too: one
// account may authorize several platforms, each authorization with its own codes and tokens (§12, authorizations.ts).

export type TSimulatorPlatform = {
  componentAppid: string;
  componentAppsecret: string;
  token: string;
  encodingAesKey: string;
  /** 授权事件接收URL: this platform's tickets and authorization events go here. */
  notifyUrl: string;
  /** 消息与事件接收URL template, with $APPID$. */
  messageUrl: string;
  isPrimary: boolean;
};

export const ZPlatformBody = z.object({
  componentAppid: z.string().regex(APPID_PATTERN, "componentAppid is wx followed by 16 letters or digits"),
  componentAppsecret: z.string().min(1),
  token: z.string().regex(/^[A-Za-z0-9]{3,32}$/, "token is 3 to 32 letters or digits"),
  encodingAesKey: z.string().refine(isValidEncodingAesKey, "encodingAesKey is 43 letters or digits"),
  notifyUrl: z.url(),
  messageUrl: z.string().optional(),
});

export const primaryPlatform = ({ config }: TSimulatorContext): TSimulatorPlatform => ({
  componentAppid: config.componentAppid,
  componentAppsecret: config.componentAppsecret,
  token: config.token,
  encodingAesKey: config.encodingAesKey,
  notifyUrl: config.notifyUrl,
  messageUrl: config.messageUrl,
  isPrimary: true,
});

/** The platform with this component appid, or undefined. */
export const findPlatform = (context: TSimulatorContext, componentAppid: string | undefined): TSimulatorPlatform | undefined =>
  componentAppid === context.config.componentAppid
    ? primaryPlatform(context)
    : componentAppid
      ? context.state.platforms.get(componentAppid)
      : undefined;

export const allPlatforms = (context: TSimulatorContext) => [primaryPlatform(context), ...context.state.platforms.values()];

/** The platform named, the primary one when none is; a 404 for an appid the simulator does not know. */
export const requirePlatform = (context: TSimulatorContext, componentAppid?: string): TSimulatorPlatform => {
  const platform = componentAppid ? findPlatform(context, componentAppid) : primaryPlatform(context);
  if (!platform) throw new SimulatorError(`No platform ${componentAppid}: add it with POST /__sim/platforms`, 404);
  return platform;
};

/**
 * How records (tokens, codes, authorizations) name their platform: undefined for the primary one, so they keep the
 * shape they had when the simulator played a single platform (and follow it if its appid is reconfigured); else the appid.
 */
export const addedPlatformAppid = (context: TSimulatorContext, componentAppid: string | undefined) =>
  componentAppid === context.config.componentAppid ? undefined : componentAppid;

/** The inverse: the appid of the platform a record names. */
export const platformAppid = (context: TSimulatorContext, addedAppid: string | undefined) => addedAppid ?? context.config.componentAppid;

/** Adds (or replaces) a platform; the primary one is changed with setConfig. */
export const addPlatform = (context: TSimulatorContext, input: z.infer<typeof ZPlatformBody>): TSimulatorPlatform => {
  if (input.componentAppid === context.config.componentAppid)
    throw new SimulatorError(`${input.componentAppid} is the primary platform: change it with PATCH /__sim/config`, 409);
  const messageUrl = input.messageUrl ?? `${new URL(input.notifyUrl).origin}/api/wechat/${input.componentAppid}/messages/$APPID$`;
  const platform = { ...input, messageUrl, isPrimary: false };
  context.state.platforms.set(platform.componentAppid, platform);
  return platform;
};

/** What a listing shows of a platform: never its AppSecret. */
export const describePlatform = ({ componentAppsecret: _secret, ...platform }: TSimulatorPlatform) => platform;
