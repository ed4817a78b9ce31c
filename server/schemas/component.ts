import { z } from "zod";
import { ZInstant } from "./common";

export const ZComponentStatus = z
  .looseObject({})
  .meta({ id: "ComponentStatus", description: "The latest ticket's age and the component token's expiry (never the token)" });

export const ZComponentAccessToken = z.object({ accessToken: z.string(), expiresAt: ZInstant });

export const ZAuthorizationLinkBody = z.object({
  authType: z
    .number({ message: "authType is required: 1 official accounts, 2 mini programs, 3 both, 4–6 see the docs" })
    .int()
    .min(1)
    .max(6)
    .meta({ description: "1 Official Accounts, 2 Mini Programs, 3 both, 4–6 as WeChat documents" }),
  bizAppid: z.string().optional().meta({ description: "Only this account may use the link" }),
  categoryIds: z.array(z.number().int().positive()).max(100).optional(),
});

export const ZAuthorizationLink = z.object({
  id: z.string(),
  inviteUrl: z.url().meta({ description: "The page to send the merchant to" }),
  expiresAt: ZInstant,
});
