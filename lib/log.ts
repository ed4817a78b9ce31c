// Structured JSON logs, one line each. Anything that looks like a secret is redacted before it is written.

type TLevel = "debug" | "info" | "warn" | "error";
const LEVELS: Record<TLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// Redaction goes by what a value is, not only by what its key is called:
// - under a key that names a secret or a person's words (token, secret, ticket, password, signature, content …),
//   every string is blanked, in nested objects too, while numbers and booleans pass (`"tickets": 3` is a count);
// - any string, under any key, has what looks like a credential blanked inside it: wxopen's API keys (wxo_…) and
//   signing secrets (whsec_…), a Bearer value, the value of a token-ish query parameter (access_token=…, but not
//   errcode=…), and runs of 32+ letters and digits mixed (WeChat's access and refresh tokens, tickets, codes).
//   What wxopen logs on purpose stays: appids (18 characters), UUIDs, words, counts, errcodes.
const SENSITIVE_KEY =
  /token|secret|ticket|password|passwd|authorization|cookie|encrypt|auth_?code|pre_?auth|api_?key|signature|content|summary|plaintext|xml|body/i;
const REDACTED = "[redacted]";

/** Credentials inside a string, and what each becomes. */
const CREDENTIALS: Array<[RegExp, string]> = [
  [/\b(wxo|whsec)_[A-Za-z0-9_-]+/g, `$1_${REDACTED}`],
  [/\b(Bearer)\s+[^\s"']+/gi, `$1 ${REDACTED}`],
  [
    /\b(access_token|component_access_token|authorizer_access_token|refresh_token|authorizer_refresh_token|component_verify_ticket|ticket|component_appsecret|appsecret|secret|authorization_code|auth_code|pre_auth_code|code|msg_signature|signature|password)=[^&\s"']+/gi,
    `$1=${REDACTED}`,
  ],
];
/** 32 or more characters of a token alphabet, with digits and letters mixed: a token, a ticket, a code, a hash. */
const OPAQUE_RUN = /[A-Za-z0-9_\-@+=]{32,}/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const looksOpaque = (run: string) => /[0-9]/.test(run) && /[A-Za-z]/.test(run) && !UUID.test(run);

/** A string with what looks like a credential blanked inside it. */
export const redactText = (text: string) =>
  CREDENTIALS.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text).replace(OPAQUE_RUN, (run) =>
    looksOpaque(run) ? REDACTED : run,
  );

/** A stack keeps its frames (file names with build hashes are not secrets); its first line is the error's message. */
const redactStack = (stack: string) => {
  const [first = "", ...frames] = stack.split("\n");
  return [redactText(first), ...frames].join("\n");
};

export const redact = (value: unknown, isSensitive = false, depth = 0): unknown => {
  if (typeof value === "string") return isSensitive ? REDACTED : redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 5) return "[too deep]";
  if (value instanceof Error) return redact({ name: value.name, message: value.message }, isSensitive, depth + 1);
  if (Array.isArray(value)) return value.map((item) => redact(item, isSensitive, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      key === "stack" && typeof item === "string" && !isSensitive
        ? redactStack(item)
        : redact(item, isSensitive || SENSITIVE_KEY.test(key), depth + 1),
    ]),
  );
};

const threshold = () => LEVELS[(process.env.LOG_LEVEL as TLevel) ?? "info"] ?? LEVELS.info;

const write = (level: TLevel, event: string, fields: Record<string, unknown> = {}) => {
  if (LEVELS[level] < threshold()) return;
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined && value !== ""));
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...(redact(present) as object) });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
};

export const log = {
  debug: (event: string, fields?: Record<string, unknown>) => write("debug", event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write("info", event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write("warn", event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write("error", event, fields),
};
