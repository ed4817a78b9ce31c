import pino, { type DestinationStream, type Logger } from "pino";

// Structured JSON logs, one line each, written by one pino logger per process (shared with the API layer, which logs
// its requests through it). Anything that looks like a secret is redacted before it is written.

type TLevel = "debug" | "info" | "warn" | "error";
const LEVELS: readonly TLevel[] = ["debug", "info", "warn", "error"];
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

/** Keys pino serializes itself (Fastify passes its request, reply and error objects): redacted after serializing. */
const SERIALIZED = new Set(["req", "res", "err"]);

/**
 * Redaction by path, applied last, to whole values whatever their type (numbers and objects too): the names a secret
 * or a person's words always go by, at the top level and one level down, and the request headers that carry
 * credentials.
 */
export const REDACT_PATHS = [
  ...["accessToken", "refreshToken", "token", "secret", "password", "content", "body"].flatMap((key) => [key, `*.${key}`]),
  ...["authorization", "cookie", '["x-api-key"]'].flatMap((header) => {
    const path = header.startsWith("[") ? header : `.${header}`;
    return [`req.headers${path}`, `headers${path}`, `*.headers${path}`];
  }),
  'res.headers["set-cookie"]',
];

/** The request as Fastify logs it (method, URL, host, client), with credentials in the query string blanked. */
const serializeRequest = (request: {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  headers?: Record<string, unknown>;
  socket?: { remoteAddress?: string; remotePort?: number };
}) =>
  redact({
    method: request.method,
    url: request.url,
    host: request.host ?? request.headers?.host,
    remoteAddress: request.ip ?? request.socket?.remoteAddress,
    remotePort: request.socket?.remotePort,
  });

const serializers = {
  req: serializeRequest,
  res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
  err: (error: Error) => redact(pino.stdSerializers.err(error)),
};

/** Every field redacted by value, except those a serializer turns into plain data first (it redacts them itself). */
const redactFields = (fields: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      SERIALIZED.has(key) || key === "event" ? value : redact(value, SENSITIVE_KEY.test(key)),
    ]),
  );

const levelFrom = (value: string | undefined): TLevel => (LEVELS.includes(value as TLevel) ? (value as TLevel) : "info");

export type CreateLoggerOptions = { level?: string; stdout?: DestinationStream; stderr?: DestinationStream };

/**
 * A logger writing `{"level":"info","time":"<ISO>","event":"…",…fields}`: debug and info to stdout, warn and error to
 * stderr. Plain streams, no worker-thread transport (those break inside Next.js bundles).
 */
export const createLogger = ({ level, stdout = process.stdout, stderr = process.stderr }: CreateLoggerOptions = {}): Logger =>
  pino(
    {
      level: levelFrom(level),
      base: null,
      messageKey: "event",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => redact(bindings) as Record<string, unknown>,
        log: (fields) => redactFields(fields),
      },
      // A message passed as text (Fastify logs an error's message so) is redacted by value like any field.
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === "string" ? redactText(arg) : arg)) as Parameters<typeof method>);
        },
      },
      serializers,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    pino.multistream(
      [
        { level: "trace", stream: stdout },
        { level: "warn", stream: stderr },
      ],
      { dedupe: true },
    ),
  );

// On globalThis: Next.js may load this module once per route bundle; the API layer loads it too. One process, one logger.
const globalForLog = globalThis as unknown as { wxopenLogger?: Logger };
/** The process's pino logger: pass it to Fastify as `loggerInstance`; request lines get the same redaction. */
export const logger: Logger = (globalForLog.wxopenLogger ??= createLogger({ level: process.env.LOG_LEVEL }));

/** Fields with a value (null, undefined and "" are left out), the event name first. */
const write = (level: TLevel, event: string, fields: Record<string, unknown> = {}) => {
  if (!logger.isLevelEnabled(level)) return;
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined && value !== ""));
  logger[level]({ event, ...present });
};

export const log = {
  debug: (event: string, fields?: Record<string, unknown>) => write("debug", event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write("info", event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write("warn", event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write("error", event, fields),
};
