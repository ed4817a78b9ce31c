// Structured JSON logs, one line each. Anything that looks like a secret is redacted before it is written.

type TLevel = "debug" | "info" | "warn" | "error";
const LEVELS: Record<TLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /token|secret|ticket|password|passwd|authorization|cookie|encrypt|auth_?code|pre_?auth|api_?key|signature/i;

const redact = (value: unknown, depth = 0): unknown => {
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      SECRET_KEY.test(key) ? "[redacted]" : redact(item, depth + 1),
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
