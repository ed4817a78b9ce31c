import { z } from "zod";
import { APPID_PATTERN } from "@/lib/wechat/appid";
import { ZInstant } from "./common";

export const ZComponentAppidParams = z.object({
  componentAppid: z
    .string()
    .regex(APPID_PATTERN)
    .meta({ description: "A third-party platform's appid (component_appid)", example: "wx5e1d0c0ffee0a11d" }),
});

export const ZPlatform = z
  .object({
    componentAppid: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    isDefault: z.boolean().meta({ description: "Configured by WECHAT_COMPONENT_* (changed in the environment, not through the API)" }),
    createdAt: ZInstant.nullable(),
    urls: z
      .object({
        notify: z.string().meta({ description: "授权事件接收URL, to paste into the Open Platform console" }),
        messages: z.string().meta({ description: "消息与事件接收URL, $APPID$ included" }),
      })
      .meta({ description: "The two URLs WeChat posts to" }),
    latestTicket: z.object({ receivedAt: ZInstant, ageSeconds: z.number() }).nullable(),
    accessToken: z.object({ expiresAt: ZInstant, fetchedAt: ZInstant, secondsLeft: z.number() }).nullable(),
  })
  .meta({ id: "Platform", description: "A third-party platform, never its secrets (they are write-only)" });

export const ZPlatformList = z.object({ items: z.array(ZPlatform) });

/** The use-case checks each field and names the bad one; here the shape, for the document. */
export const ZPlatformCreateBody = z
  .looseObject({
    name: z.string().meta({ example: "Brand B" }),
    componentAppid: z.string().meta({ example: "wx00000000000000b0" }),
    componentAppsecret: z.string().meta({ description: "The AppSecret (write-only)" }),
    token: z.string().meta({ description: "The message-check Token, 3 to 32 letters or digits (write-only)" }),
    encodingAesKey: z.string().meta({ description: "The 43-character EncodingAESKey (write-only)" }),
  })
  .partial()
  .meta({ description: "{ name, componentAppid, componentAppsecret, token, encodingAesKey }, as set in the Open Platform console" });

export const ZPlatformUpdateBody = z
  .looseObject({
    name: z.string(),
    componentAppsecret: z.string().meta({ description: "A new AppSecret, tried with WeChat first when a ticket has arrived" }),
    token: z.string(),
    encodingAesKey: z.string(),
    enabled: z.boolean().meta({ description: "false: pushes refused, tokens no longer kept, data kept" }),
  })
  .partial();
