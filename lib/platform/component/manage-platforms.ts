import { getDb, isUniqueViolation } from "../../db";
import { getWechatClient } from "../support/wechat-client";
import { storeComponentToken } from "./get-component-access-token";
import { AppError } from "../../errors";
import { encryptSecret } from "../../secrets";
import { WechatApiError } from "../../wechat/errors";
import { recordEvent } from "../activity/record-event";
import { getLatestVerifyTicket } from "./get-latest-verify-ticket";
import { getEnv } from "../../env";
import { ZPlatformCreate, ZPlatformUpdate } from "../platforms/platform-input";
import { describeZodError } from "../../zod-message";
import { findPlatform, invalidatePlatforms, listPlatforms, type TPlatform } from "../platforms/platform-registry";
import { toPlatformView } from "./platform-view";

// Adding and changing platforms (admin). The default platform is the environment's: it is changed there, never here.

export const listPlatformViews = async () => Promise.all((await listPlatforms()).map((platform) => toPlatformView(platform)));

/** The platform with this appid, or a 404 that says how to add it. */
export const getPlatformOr404 = async (componentAppid: string): Promise<TPlatform> => {
  const platform = await findPlatform(componentAppid);
  if (!platform) throw new AppError("not_found", `No platform ${componentAppid.slice(0, 40)} in this deployment.`);
  return platform;
};

/**
 * Adds a platform: its secrets encrypted, enabled. Answers its view, with the two URLs to paste into WeChat's
 * console. The AppSecret cannot be checked yet (WeChat needs a ticket, which comes once the URL is set).
 */
export const createPlatform = async ({ input, actor }: { input: unknown; actor: string }) => {
  const parsed = ZPlatformCreate.safeParse(input);
  if (!parsed.success) throw new AppError("bad_request", describeZodError(parsed.error));
  const fields = parsed.data;
  if (fields.componentAppid === getEnv().WECHAT_COMPONENT_APPID)
    throw new AppError(
      "conflict",
      `${fields.componentAppid} is the default platform (WECHAT_COMPONENT_APPID): it is configured in the environment.`,
    );
  try {
    await getDb().platform.create({
      data: {
        componentAppid: fields.componentAppid,
        name: fields.name,
        appsecret: encryptSecret(fields.componentAppsecret),
        token: encryptSecret(fields.token),
        encodingAesKey: encryptSecret(fields.encodingAesKey),
        createdBy: actor,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `Platform ${fields.componentAppid} is already here: change it with PATCH.`);
    throw error;
  }
  invalidatePlatforms();
  await recordEvent({ kind: "admin.action", message: `Platform "${fields.name}" (${fields.componentAppid}) added`, actor });
  return toPlatformView(await getPlatformOr404(fields.componentAppid));
};

/**
 * A new AppSecret is tried against WeChat before it is saved, when a ticket makes that possible: api_component_token
 * with the platform's newest ticket (one WeChat no longer takes, 61005/61006, leaves the secret unchecked). WeChat's
 * refusal of the secret (40001, 40125) is a 400 and nothing is saved; the token it answers otherwise is stored, as a
 * refresh would.
 */
const checkAppsecret = async (platform: TPlatform, appsecret: string) => {
  const ticket = await getLatestVerifyTicket(new Date(), platform);
  if (!ticket) return "unchecked" as const;
  try {
    const answer = await getWechatClient({ componentAppid: platform.componentAppid, appsecret }).fetchComponentAccessToken(ticket.ticket);
    await storeComponentToken(platform, answer);
    return "checked" as const;
  } catch (error) {
    // A ticket WeChat no longer takes says nothing of the secret: saved unchecked, as before any ticket.
    if (error instanceof WechatApiError && [61005, 61006].includes(error.errcode)) return "unchecked" as const;
    if (error instanceof WechatApiError && [40001, 40125, 40013].includes(error.errcode))
      throw new AppError(
        "bad_request",
        `WeChat refused this AppSecret for ${platform.componentAppid} (errcode ${error.errcode}): copy it again from the Open Platform console. Nothing was changed.`,
      );
    throw new AppError("wechat_error", `The AppSecret could not be checked: ${(error as Error).message}. Nothing was changed; try again.`);
  }
};

/** Renames, replaces secrets, enables or disables an added platform (PATCH: what is absent stays). */
export const updatePlatform = async ({ componentAppid, changes, actor }: { componentAppid: string; changes: unknown; actor: string }) => {
  const platform = await getPlatformOr404(componentAppid);
  if (platform.isDefault)
    throw new AppError("conflict", "The default platform is configured by WECHAT_COMPONENT_*: change those variables and restart.");
  const parsed = ZPlatformUpdate.safeParse(changes);
  if (!parsed.success) throw new AppError("bad_request", describeZodError(parsed.error));
  const fields = parsed.data;
  const secretCheck = fields.componentAppsecret ? await checkAppsecret(platform, fields.componentAppsecret) : null;
  await getDb().platform.update({
    where: { componentAppid },
    data: {
      name: fields.name,
      appsecret: fields.componentAppsecret ? encryptSecret(fields.componentAppsecret) : undefined,
      token: fields.token ? encryptSecret(fields.token) : undefined,
      encodingAesKey: fields.encodingAesKey ? encryptSecret(fields.encodingAesKey) : undefined,
      isEnabled: fields.enabled,
    },
  });
  invalidatePlatforms();
  const changed = Object.keys(fields).map((key) =>
    key === "componentAppsecret" && secretCheck === "checked" ? "componentAppsecret (checked with WeChat)" : key,
  );
  await recordEvent({
    kind: "admin.action",
    message: `Platform "${fields.name ?? platform.name}" (${componentAppid}) changed: ${changed.join(", ") || "nothing"}${
      fields.enabled === false ? " (disabled: its pushes are refused and its token no longer kept; its data stays)" : ""
    }`,
    actor,
  });
  return toPlatformView(await getPlatformOr404(componentAppid));
};
