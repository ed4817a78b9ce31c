import { z } from "zod";
import { AUTHORIZER_KINDS } from "@/lib/platform/authorizers/authorizer-kind";
import { AUTHORIZER_STATUSES } from "@/lib/platform/authorizers/authorizer-status";
import { AUTHORIZER_SORTS } from "@/lib/platform/directory/list-authorizers";
import { ZAppid, ZInstant, ZLocale } from "./common";

export const ZAuthorizerListQuery = z.object({
  q: z.string().trim().max(100, "q must be at most 100 characters").optional().meta({ description: "Name or appid contains" }),
  status: z.enum(AUTHORIZER_STATUSES).optional(),
  kind: z.enum(AUTHORIZER_KINDS).optional(),
  scopeId: z.coerce.number().int().positive().optional().meta({ description: "Only accounts that granted this permission set" }),
  sort: z.enum(AUTHORIZER_SORTS).optional(),
  cursor: z.string().max(200).optional().meta({ description: "nextCursor or previousCursor of the page before" }),
  limit: z.coerce
    .number()
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(200, "limit must be at most 200")
    .default(50),
  locale: ZLocale,
});

export const ZProfileQuery = z.object({ locale: ZLocale });

export const ZInvalidateBody = z.object({
  accessToken: z
    .string({ message: "accessToken is required: the token WeChat rejected" })
    .min(1, "accessToken must not be empty")
    .max(1000)
    .meta({ description: "The token WeChat rejected (40001, 40014, 42001)" }),
});

const ZScope = z.object({ id: z.number().int(), name: z.string() });

export const ZAuthorizer = z
  .looseObject({
    appid: ZAppid,
    kind: z.enum(AUTHORIZER_KINDS),
    status: z.enum(AUTHORIZER_STATUSES),
    nickName: z.string().nullable(),
    scopes: z.array(ZScope),
  })
  .meta({ id: "Authorizer" });

export const ZAuthorizerPage = z.object({
  items: z.array(ZAuthorizer),
  nextCursor: z.string().nullable(),
  previousCursor: z.string().nullable(),
});

export const ZAccessToken = z
  .object({ appid: ZAppid, accessToken: z.string().meta({ example: "89_Xk…" }), expiresAt: ZInstant })
  .meta({ id: "AuthorizerAccessToken" });

export const ZRefreshed = z.looseObject({ appid: ZAppid, expiresAt: ZInstant });

export const ZImported = z.looseObject({}).meta({ description: "How many accounts were imported, updated and skipped" });
