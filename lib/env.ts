import { hostname } from "node:os";
import { z } from "zod";
import { APPID_PATTERN } from "./wechat/appid";

// The one place that reads process.env. Parsed once, on first use; instrumentation.ts calls getEnv() at start
// so a bad variable stops the process with its name, not at the first push.

const url = (name: string) =>
  z.string().refine((value) => /^https?:\/\/[^\s/]+/.test(value), `${name} must be an http(s) URL such as https://example.com`);

/** http://localhost, 127.0.0.0/8 or [::1]: traffic that never leaves the machine. */
const isLoopbackUrl = (value: string) => {
  try {
    const { protocol, hostname } = new URL(value);
    return protocol === "http:" && (hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname));
  } catch {
    return false;
  }
};

/** A 32-byte key from `openssl rand -base64 32`; a typed or patterned one (few distinct bytes) is refused. */
const encryptionKey = (name: string) =>
  z
    .string()
    .refine(
      (value) => Buffer.from(value, "base64").length === 32,
      `${name} must be the base64 of 32 random bytes (openssl rand -base64 32)`,
    )
    .refine(
      (value) => new Set(Buffer.from(value, "base64")).size >= 16,
      `${name} is not random enough (too few distinct bytes): generate one with openssl rand -base64 32`,
    );

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], { message: "must be true or false" })
  .transform((value) => ["true", "1", "yes", "on"].includes(value));

const positiveInt = (fallback: number) => z.coerce.number({ message: "must be a number" }).int().positive().default(fallback);

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .default("file:./data/wxopen.db")
      .refine(
        (value) => /^(file:|postgres(ql)?:\/\/)/.test(value),
        "DATABASE_URL must start with file: (SQLite) or postgresql:// (Postgres)",
      ),
    APP_URL: url("APP_URL")
      .default("http://localhost:3000")
      .transform((value) => value.replace(/\/+$/, "")),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    INSTANCE_ID: z.string().min(1).default(`${hostname()}:${process.pid}`),

    WECHAT_COMPONENT_APPID: z
      .string({ message: "WECHAT_COMPONENT_APPID is required (the third-party platform's appid, wx…)" })
      .regex(APPID_PATTERN, "WECHAT_COMPONENT_APPID must look like wx followed by 16 letters or digits"),
    WECHAT_COMPONENT_APPSECRET: z
      .string({ message: "WECHAT_COMPONENT_APPSECRET is required" })
      .min(1, "WECHAT_COMPONENT_APPSECRET must not be empty"),
    WECHAT_COMPONENT_TOKEN: z
      .string({ message: "WECHAT_COMPONENT_TOKEN is required (the message-check Token set in the Open Platform console)" })
      .regex(/^[A-Za-z0-9]{3,32}$/, "WECHAT_COMPONENT_TOKEN must be 3 to 32 letters or digits"),
    WECHAT_COMPONENT_AES_KEY: z
      .string({ message: "WECHAT_COMPONENT_AES_KEY is required (the 43-character EncodingAESKey)" })
      .length(43, "WECHAT_COMPONENT_AES_KEY must be 43 characters")
      .regex(/^[A-Za-z0-9]+$/, "WECHAT_COMPONENT_AES_KEY must contain only letters and digits"),
    WECHAT_API_BASE: url("WECHAT_API_BASE")
      .default("https://api.weixin.qq.com")
      .transform((value) => value.replace(/\/+$/, "")),
    WECHAT_MP_BASE: url("WECHAT_MP_BASE")
      .default("https://mp.weixin.qq.com")
      .transform((value) => value.replace(/\/+$/, "")),
    WECHAT_OPEN_BASE: url("WECHAT_OPEN_BASE")
      .default("https://open.weixin.qq.com")
      .transform((value) => value.replace(/\/+$/, "")),
    WECHAT_TIMEOUT_MS: positiveInt(10_000),
    PUSH_TIMESTAMP_TOLERANCE_SECONDS: positiveInt(900),
    AUTHORIZE_NEW_CODES_PER_HOUR: positiveInt(600),
    RETENTION_EVENTS_DAYS: positiveInt(30),
    RETENTION_ERROR_EVENTS_DAYS: positiveInt(90),
    RETENTION_TICKETS_DAYS: positiveInt(2),
    RETENTION_HOUSEKEEPING_DAYS: positiveInt(7),
    MESSAGE_RETENTION_DAYS: positiveInt(7),
    TRUST_PROXY_HEADERS: booleanFlag.default(false),

    DATA_ENCRYPTION_KEY: encryptionKey("DATA_ENCRYPTION_KEY").optional(),
    DATA_ENCRYPTION_KEYS: z
      .string()
      .transform((value) =>
        value
          .split(",")
          .map((key) => key.trim())
          .filter(Boolean),
      )
      .pipe(z.array(encryptionKey("DATA_ENCRYPTION_KEYS: each key")).min(1, "DATA_ENCRYPTION_KEYS needs at least one key"))
      .optional(),

    NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters").optional(),
    ADMIN_EMAIL: z.email("ADMIN_EMAIL must be an email address").optional(),
    // Checked against the password policy when it is used (no user yet), not here: once users exist it is ignored.
    ADMIN_PASSWORD: z.string().min(1).optional(),

    CRON_SECRET: z.string().min(16, "CRON_SECRET must be at least 16 characters").optional(),
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    TOKEN_UPSTREAM_URL: url("TOKEN_UPSTREAM_URL")
      .refine(
        (value) => value.startsWith("https://") || isLoopbackUrl(value),
        "TOKEN_UPSTREAM_URL must be https (the API key and tokens travel over it); http is accepted only for localhost",
      )
      .transform((value) => value.replace(/\/+$/, ""))
      .optional(),
    TOKEN_UPSTREAM_API_KEY: z.string().min(1).optional(),
    REFRESH_SWEEP_ENABLED: booleanFlag.default(true),
    DELIVERY_WORKER_ENABLED: booleanFlag.default(true),
    DELIVERY_TIMEOUT_MS: positiveInt(10_000),
    DELIVERY_CONCURRENCY_PER_RULE: positiveInt(4),
    DELIVERY_RETRY_BASE_SECONDS: positiveInt(30),
    RELEASE_WORKER_ENABLED: booleanFlag.default(true),
    RELEASE_CONCURRENCY: positiveInt(16),
    RELEASE_STEP_LEASE_SECONDS: positiveInt(90),
    RELEASE_PRIVACY_WAIT_SECONDS: z.coerce.number().int().min(0).default(65),
    REFRESH_SWEEP_INTERVAL_SECONDS: positiveInt(60),
    REFRESH_WINDOW_MINUTES: positiveInt(20),
    REFRESH_CONCURRENCY: positiveInt(8),
    REFRESH_CONCURRENCY_MAX: positiveInt(64),
    REFRESH_POLICY: z.enum(["all", "active"]).default("all"),
    ACTIVE_DAYS: positiveInt(7),
    WECHAT_MAX_CALLS_PER_SECOND: positiveInt(200),
    REFRESH_BATCH_LIMIT: positiveInt(2000),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV === "production" && !env.DATA_ENCRYPTION_KEY && !env.DATA_ENCRYPTION_KEYS) {
      context.addIssue({
        code: "custom",
        path: ["DATA_ENCRYPTION_KEY"],
        message: "DATA_ENCRYPTION_KEY is required in production (openssl rand -base64 32)",
      });
    }
    if (env.DATA_ENCRYPTION_KEY && env.DATA_ENCRYPTION_KEYS) {
      context.addIssue({
        code: "custom",
        path: ["DATA_ENCRYPTION_KEYS"],
        message:
          "DATA_ENCRYPTION_KEYS replaces DATA_ENCRYPTION_KEY: put the old key after the new one there and remove DATA_ENCRYPTION_KEY",
      });
    }
    if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
      context.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "NEXTAUTH_SECRET is required in production: it signs dashboard sessions (openssl rand -base64 32)",
      });
    }
    if (Boolean(env.TOKEN_UPSTREAM_URL) !== Boolean(env.TOKEN_UPSTREAM_API_KEY)) {
      context.addIssue({
        code: "custom",
        path: ["TOKEN_UPSTREAM_API_KEY"],
        message: "TOKEN_UPSTREAM_URL and TOKEN_UPSTREAM_API_KEY go together: set both or neither",
      });
    }
  });

export type TEnv = z.infer<typeof ZEnv>;

/** Configuration is wrong: the message names each variable and what is wrong with it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Validates a raw environment; exported for tests. */
export const parseEnv = (raw: Record<string, string | undefined>): TEnv => {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ""));
  const result = ZEnv.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".");
        return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
      }),
    );
  }
  return result.data;
};

let cached: TEnv | undefined;

export const getEnv = (): TEnv => (cached ??= parseEnv(process.env));

export const isPostgresUrl = (databaseUrl: string) => /^postgres(ql)?:\/\//.test(databaseUrl);
