import { getDb, type Prisma } from "../../db";
import { AppError } from "../../errors";

// Rules as the API and the page show them: never the secret, only its hint.

const RULE_SELECT = {
  id: true,
  name: true,
  url: true,
  types: true,
  appids: true,
  platforms: true,
  mode: true,
  format: true,
  isEnabled: true,
  secretHint: true,
  createdAt: true,
  updatedAt: true,
  createdBy: true,
} satisfies Prisma.ForwardingRuleSelect;

type TRuleRow = Prisma.ForwardingRuleGetPayload<{ select: typeof RULE_SELECT }>;

export const toRuleView = ({ types, appids, platforms, isEnabled, ...row }: TRuleRow) => ({
  ...row,
  types: JSON.parse(types) as string[],
  appids: appids === null ? null : (JSON.parse(appids) as string[]),
  platforms: platforms === null ? null : (JSON.parse(platforms) as string[]),
  enabled: isEnabled,
});
export type TForwardingRuleView = ReturnType<typeof toRuleView>;

export { RULE_SELECT };

/** Every rule, oldest first. */
export const listForwardingRules = async () =>
  (await getDb().forwardingRule.findMany({ orderBy: { createdAt: "asc" }, select: RULE_SELECT })).map(toRuleView);

/** One rule; not_found (404) when there is none. */
export const getForwardingRule = async ({ id }: { id: string }) => {
  const row = await getDb().forwardingRule.findUnique({ where: { id }, select: RULE_SELECT });
  if (!row) throw new AppError("not_found", `No forwarding rule has id ${id.slice(0, 64)}`);
  return toRuleView(row);
};
