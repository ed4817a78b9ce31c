import { isIP } from "node:net";
import { DOMAIN_KINDS, type TDomainKind, type TDomainLists } from "./code-types";

// Server domains set directly on the mini program (modify_domain_directly, mode 2, §11.4): six lists, each with its
// own scheme. Entries that break the rules come back in invalid_*; a change with nothing valid left is 85301.

const SCHEMES: Record<TDomainKind, string> = {
  requestdomain: "https:",
  wsrequestdomain: "wss:",
  uploaddomain: "https:",
  downloaddomain: "https:",
  udpdomain: "udp:",
  tcpdomain: "tcp:",
};

/** Per list (§11.4). */
const MAX_PER_KIND = 200;
const FORBIDDEN_HOSTS = new Set(["api.weixin.qq.com"]);

export const DOMAIN_ACTIONS = ["add", "delete", "set", "get"] as const;
export type TDomainAction = (typeof DOMAIN_ACTIONS)[number];

/** The entry as WeChat keeps it (scheme://host[:port], lower case), or null when it breaks a rule. */
const normalizeEntry = (kind: TDomainKind, entry: unknown): string | null => {
  if (typeof entry !== "string") return null;
  let url: URL;
  try {
    url = new URL(entry.trim().toLowerCase());
  } catch {
    return null;
  }
  // `wss://https://x` parses with host "https": the scheme must be the list's, and a real host must follow it.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (url.protocol !== SCHEMES[kind] || !host.includes(".") || isIP(host) !== 0 || FORBIDDEN_HOSTS.has(host)) return null;
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username) return null;
  return `${url.protocol}//${url.host}`;
};

export type TDomainChange = { lists: TDomainLists; invalid: TDomainLists } | { errcode: number; invalid: TDomainLists };

const emptyLists = (): TDomainLists => Object.fromEntries(DOMAIN_KINDS.map((kind) => [kind, [] as string[]])) as unknown as TDomainLists;

/** Applies an add / delete / set to the current lists (get changes nothing); the new lists or the errcode. */
export const changeDomains = (current: TDomainLists, action: TDomainAction, body: Record<string, unknown>): TDomainChange => {
  const invalid = emptyLists();
  if (action === "get") return { lists: current, invalid };
  const next = action === "set" ? emptyLists() : structuredClone(current);
  let changed = 0;
  for (const kind of DOMAIN_KINDS) {
    const given = Array.isArray(body[kind]) ? (body[kind] as unknown[]) : [];
    for (const entry of given) {
      const domain = normalizeEntry(kind, entry);
      if (domain === null) {
        invalid[kind].push(String(entry));
        continue;
      }
      const index = next[kind].indexOf(domain);
      if (action === "delete" && index >= 0) next[kind].splice(index, 1);
      if (action !== "delete" && index < 0) next[kind].push(domain);
      // A set counts every valid entry; add and delete count what they actually change.
      if (action === "set" || (action === "delete") === index >= 0) changed += 1;
    }
    if (next[kind].length > MAX_PER_KIND) return { errcode: 85016, invalid };
  }
  return changed === 0 ? { errcode: 85301, invalid } : { lists: next, invalid };
};
