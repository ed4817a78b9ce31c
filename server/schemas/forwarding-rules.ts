import { z } from "zod";
import { DELIVERY_STATUSES } from "@/lib/platform/forwarding/forwarding-vocabulary";
import { ZInstant } from "./common";

export const ZRule = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    types: z.array(z.string()),
    appids: z.array(z.string()).nullable(),
    platforms: z
      .array(z.string())
      .nullable()
      .meta({ description: "Component appids of the platforms it forwards for; null: every platform" }),
    mode: z.string(),
    format: z.string(),
    enabled: z.boolean(),
    secretHint: z.string(),
    createdAt: ZInstant,
  })
  .meta({ id: "ForwardingRule" });

/** The rule's own checks (createForwardingRule, updateForwardingRule) name each bad field; here only the shape. */
export const ZRuleInput = z
  .record(z.string(), z.unknown())
  .meta({ description: "{ name, url, types, appids?, platforms?, mode?, format?, enabled? } (see the README's forwarding section)" });

export const ZRuleWithSecret = ZRule.extend({ secret: z.string().meta({ description: "The signing secret, shown only now" }) });

export const ZRuleList = z.object({ items: z.array(ZRule) });

export const ZDeliveryQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  appid: z.string().max(64).optional(),
  before: z.coerce.number().int().positive().optional().meta({ description: "Only deliveries with a smaller id (paging)" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZRedeliverBody = z.object({
  deliveryId: z.number().int().positive().optional().meta({ description: "One dead delivery; all of the rule's dead ones when absent" }),
});

export const ZDeliveries = z.looseObject({ items: z.array(z.looseObject({ id: z.number().int(), status: z.enum(DELIVERY_STATUSES) })) });
