import { z } from "zod";
import { APPID_PATTERN } from "../../wechat/appid";
import { decodeAesKey } from "../../wechat/crypto";

// A platform's fields, checked the same way for the API and the Settings page, with the rules WeChat's console sets
// (the same ones WECHAT_COMPONENT_* is held to).

const ZName = z.string().trim().min(1, "name is required").max(64, "name is at most 64 characters");
const ZAppsecret = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{16,64}$/, "componentAppsecret is the platform's AppSecret: 32 letters and digits from the Open Platform console");
const ZToken = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{3,32}$/, "token is the message-check Token: 3 to 32 letters or digits");
const ZAesKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{43}$/, "encodingAesKey is the 43-character EncodingAESKey (letters and digits)")
  .refine((key) => {
    try {
      return decodeAesKey(key).length === 32;
    } catch {
      return false;
    }
  }, "encodingAesKey does not decode to a 32-byte AES key");

export const ZPlatformCreate = z.object({
  name: ZName,
  componentAppid: z.string().trim().regex(APPID_PATTERN, "componentAppid is the platform's appid: wx followed by 16 letters or digits"),
  componentAppsecret: ZAppsecret,
  token: ZToken,
  encodingAesKey: ZAesKey,
});
export type TPlatformCreate = z.infer<typeof ZPlatformCreate>;

/** PATCH: what is absent stays. The secrets are write-only: given to replace them, never read back. */
export const ZPlatformUpdate = z
  .object({
    name: ZName,
    componentAppsecret: ZAppsecret,
    token: ZToken,
    encodingAesKey: ZAesKey,
    enabled: z.boolean(),
  })
  .partial();
export type TPlatformUpdate = z.infer<typeof ZPlatformUpdate>;
