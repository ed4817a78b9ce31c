import { AppError } from "../errors";
import { APPID_PATTERN } from "../wechat/appid";

// Every dynamic segment of the JSON API's routes (server/api) and the route handlers behind withSession, by its name, and what its value
// must look like. A value that does not match is a 400 before the handler runs, so no query ever sees it (Postgres
// answers a NUL in a parameter with an error; "中文" or 300 characters are no appid either). A route with a new
// segment name fails loudly until its pattern is added here (route-params.test.ts checks both).

/** A forwarding rule's id: the UUID createForwardingRule gives it. */
export const RULE_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type TParamRule = { pattern: RegExp; what: string } | { checkedBy: string };

export const ROUTE_PARAMS: Record<string, TParamRule> = {
  appid: { pattern: APPID_PATTERN, what: "an appid (wx and 16 letters or digits)" },
  componentAppid: { pattern: APPID_PATTERN, what: "a platform's appid (wx and 16 letters or digits)" },
  id: { pattern: RULE_ID_PATTERN, what: "a forwarding rule id (a UUID like 0b7c…-…, as the rule list answers it)" },
  // The proxies' WeChat path (the JSON API's wildcard) is read from the raw URL and checked there, segment by segment.
  "*": { checkedBy: "parseProxyPath (lib/platform/proxy/parse-proxy-path.ts)" },
};

/** A value as a message may quote it: 40 characters at most, control characters visible. */
const quote = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** Checks every route parameter against its pattern; a 400 names the first that does not match. */
export const checkRouteParams = (params: Record<string, string>) => {
  for (const [name, value] of Object.entries(params)) {
    const rule = ROUTE_PARAMS[name];
    if (!rule) throw new Error(`Route parameter "${name}" has no pattern in lib/http/route-params.ts`);
    if ("pattern" in rule && !rule.pattern.test(value))
      throw new AppError("bad_request", `${quote(value)} is not ${rule.what}: check the ${name} in the URL.`);
  }
};
