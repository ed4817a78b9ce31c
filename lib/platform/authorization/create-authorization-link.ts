import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { getDb } from "../../db";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { APPID_PATTERN } from "../../wechat/appid";
import { recordEvent } from "../activity/record-event";
import { assertOwnsTokens } from "../upstream/get-token-source";
import { defaultPlatform, type TPlatform } from "../platforms/platform-registry";
import { assertPlatformEnabled, platformKeyOf } from "../platforms/platform-key";
import { platformDetail } from "../platforms/platform-detail";

export type CreateAuthorizationLinkOptions = {
  /** The platform the merchant authorizes (the default one unless told). */
  platform?: TPlatform;
  /** 1 official accounts, 2 mini programs, 3 both; 4, 5, 6 are WeChat's newer kinds. */
  authType: number;
  bizAppid?: string | null;
  categoryIds?: number[] | null;
  createdBy: { userId?: string | null; label: string };
  expiresInDays?: number;
};

const ZOptions = z.object({
  authType: z
    .number({ message: "authType must be a number from 1 to 6" })
    .int("authType must be a whole number from 1 to 6")
    .min(1, "authType must be 1 to 6")
    .max(6, "authType must be 1 to 6"),
  bizAppid: z.string().trim().regex(APPID_PATTERN, "bizAppid must look like wx followed by 16 letters or digits").nullish(),
  categoryIds: z
    .array(z.number().int().positive(), { message: "categoryIds must be a list of positive whole numbers (permission-set ids)" })
    .max(100)
    .nullish(),
  createdBy: z.object({
    userId: z.string().nullish(),
    label: z.string().trim().min(1, "createdBy.label must name who created the link").max(200),
  }),
  expiresInDays: z.number().positive("expiresInDays must be more than 0").max(365, "expiresInDays must be at most 365").default(7),
});

/** 192 random bits, URL-safe: unguessable, and short enough for a QR code. */
const randomToken = () => randomBytes(24).toString("base64url");

/**
 * Stores an invitation a merchant opens at /authorize/<token>. The separate single-use `state` travels inside
 * redirect_uri and binds WeChat's redirect to this invitation (WeChat's redirect carries no state of its own).
 */
export const createAuthorizationLink = async ({ platform = defaultPlatform(), ...options }: CreateAuthorizationLinkOptions) => {
  assertOwnsTokens("create authorization links");
  assertPlatformEnabled(platform);
  const parsed = ZOptions.safeParse(options);
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues.map((issue) => issue.message).join("; "));
  const { authType, bizAppid, categoryIds, createdBy, expiresInDays } = parsed.data;
  const uniqueCategoryIds = categoryIds?.length ? [...new Set(categoryIds)].sort((a, b) => a - b) : null;
  const expiresAt = new Date(Date.now() + expiresInDays * 24 * 60 * 60 * 1000);
  const id = randomUUID();
  const token = randomToken();
  await getDb().$transaction(async (transaction) => {
    await transaction.authorizationLink.create({
      data: {
        id,
        token,
        state: randomToken(),
        platformKey: platformKeyOf(platform),
        authType,
        bizAppid: bizAppid || null,
        categoryIds: uniqueCategoryIds ? uniqueCategoryIds.join("|") : null,
        createdById: createdBy.userId ?? null,
        createdByLabel: createdBy.label,
        expiresAt,
      },
    });
    await recordEvent(
      {
        kind: "authorization.link_created",
        message: `Authorization link created by ${createdBy.label}`,
        detail: {
          linkId: id,
          ...platformDetail(platform),
          authType,
          bizAppid: bizAppid || null,
          categoryIds: uniqueCategoryIds,
          expiresAt: expiresAt.toISOString(),
        },
        actor: createdBy.label,
      },
      transaction,
    );
  });
  return { id, token, inviteUrl: `${getEnv().APP_URL}/authorize/${token}`, expiresAt };
};
