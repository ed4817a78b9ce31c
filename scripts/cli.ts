// npm run cli -- <command>: operator commands against DATABASE_URL (loads .env like the app).
//   api-keys create --name <name> --role <admin|operator|reader> [--expires-in-days <days>] [--platforms wx…,wx…]
//                                                                  prints the new key (shown only this once)
//   api-keys list                                                  every key, without secrets
//   api-keys revoke <id>                                           revokes a key at once
//   keys rotate                                                    re-encrypts every secret under DATA_ENCRYPTION_KEYS' first key
//   users reset-second-factor <email>                              removes a user's second factor (a sole admin who lost it)
import { loadEnvConfig } from "@next/env";

// Like `next start`: production unless told otherwise, so the production checks (DATA_ENCRYPTION_KEY,
// NEXTAUTH_SECRET) apply here too and a worker never encrypts tokens with the development key.
(process.env as Record<string, string>).NODE_ENV ??= "production";
loadEnvConfig(process.cwd());

const USAGE = `Usage:
  npm run cli -- api-keys create --name <name> --role <admin|operator|reader> [--expires-in-days <days>] [--platforms wx…,wx…]
  npm run cli -- api-keys list
  npm run cli -- api-keys revoke <id>
  npm run cli -- keys rotate        (after putting the new key first in DATA_ENCRYPTION_KEYS on every instance)
  npm run cli -- users reset-second-factor <email>   (they then sign in with their password alone)`;

class UsageError extends Error {}

const option = (args: string[], name: string) => {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith("--")) throw new UsageError(`${name} needs a value`);
  return value;
};

/** keys rotate: progress on stderr as it goes, a summary on stdout. Safe to stop and run again. */
const rotateKeys = async (command: string | undefined) => {
  if (command !== "rotate") throw new UsageError(command ? `Unknown keys command "${command}"` : "keys needs a command: rotate");
  const { getDb } = await import("../lib/db");
  const { getEnv } = await import("../lib/env");
  const { migrateDatabase } = await import("../lib/migrate");
  const { rotateEncryptionKey } = await import("../lib/platform/support/rotate-encryption-key");
  await migrateDatabase(getEnv().DATABASE_URL);
  try {
    const { keyId, columns } = await rotateEncryptionKey({
      onProgress: ({ column, done, total }) => {
        const width = 30;
        const filled = total ? Math.round((done / total) * width) : width;
        process.stderr.write(`\r${column.padEnd(28)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}   `);
        if (done >= total) process.stderr.write("\n");
      },
    });
    for (const { column, done, skipped } of columns)
      console.log(`${column}: ${done} re-encrypted${skipped ? `, ${skipped} written meanwhile` : ""}`);
    console.log(
      `Every stored secret is now under key ${keyId}. Old keys can leave DATA_ENCRYPTION_KEYS once every instance runs with this one first.`,
    );
  } finally {
    await getDb().$disconnect();
  }
};

/** users reset-second-factor <email>: for a user locked out of the console (the sole admin above all). */
const manageUsers = async (command: string | undefined, rest: string[]) => {
  if (command !== "reset-second-factor")
    throw new UsageError(command ? `Unknown users command "${command}"` : "users needs a command: reset-second-factor");
  const [email] = rest;
  if (!email) throw new UsageError("users reset-second-factor needs the user's email");
  const { getDb } = await import("../lib/db");
  const { getEnv } = await import("../lib/env");
  const { migrateDatabase } = await import("../lib/migrate");
  const { resetSecondFactor } = await import("../lib/platform/users/reset-second-factor");
  await migrateDatabase(getEnv().DATABASE_URL);
  try {
    const { email: reset, endedSessions } = await resetSecondFactor({ email, actor: "cli" });
    console.log(
      `The second factor of ${reset} is removed (${endedSessions} session(s) ended). They sign in with their password alone` +
        " and, while a second factor is required, set up a new one first.",
    );
  } finally {
    await getDb().$disconnect();
  }
};

const main = async (args: string[]) => {
  const [group, command, ...rest] = args;
  if (!group || group === "help" || group === "--help") return console.log(USAGE);
  if (group === "keys") return rotateKeys(command);
  if (group === "users") return manageUsers(command, rest);
  if (group !== "api-keys") throw new UsageError(`Unknown command "${group}"`);
  // Imported after loadEnvConfig: lib/env reads process.env once.
  const { API_KEY_ROLES, createApiKey, isApiKeyRole, listApiKeys, revokeApiKey } = await import("../lib/auth/api-keys");
  const { getDb } = await import("../lib/db");
  const { getEnv } = await import("../lib/env");
  const { migrateDatabase } = await import("../lib/migrate");
  await migrateDatabase(getEnv().DATABASE_URL);
  try {
    switch (command) {
      case "create": {
        const name = option(rest, "--name");
        const role = option(rest, "--role");
        if (!name) throw new UsageError("api-keys create needs --name <name>");
        if (!role || !isApiKeyRole(role)) throw new UsageError(`api-keys create needs --role ${API_KEY_ROLES.join("|")}`);
        const days = option(rest, "--expires-in-days");
        if (days !== undefined && !/^\d+$/.test(days)) throw new UsageError("--expires-in-days needs a whole number of days");
        const platforms = option(rest, "--platforms");
        const created = await createApiKey({
          name,
          role,
          createdById: null,
          expiresInDays: days === undefined ? null : Number(days),
          platforms: platforms === undefined ? null : platforms.split(","),
        });
        console.error(`Created ${created.role} key "${created.name}" (id ${created.id}). It is shown only now; store it as a secret:`);
        console.log(created.key);
        return;
      }
      case "list": {
        const keys = await listApiKeys();
        if (!keys.length)
          return console.log("No API keys yet. Create one with: npm run cli -- api-keys create --name <name> --role reader");
        console.table(
          keys.map((key) => ({
            id: key.id,
            name: key.name,
            prefix: `${key.prefix}…`,
            role: key.role,
            created: key.createdAt.toISOString(),
            createdBy: key.createdByEmail ?? (key.createdById ? key.createdById : "cli"),
            lastUsed: key.lastUsedAt?.toISOString() ?? "never",
            expires: key.expiresAt?.toISOString() ?? "never",
            platforms: key.platforms?.join(",") ?? "every",
            revoked: key.revokedAt ? `${key.revokedAt.toISOString()}${key.revokedReason ? ` (${key.revokedReason})` : ""}` : "",
          })),
        );
        return;
      }
      case "revoke": {
        const [id] = rest;
        if (!id) throw new UsageError("api-keys revoke needs the key's id (see api-keys list)");
        const { revokedAt } = await revokeApiKey({ id, actor: "cli" });
        console.log(`Revoked ${id} at ${revokedAt.toISOString()}`);
        return;
      }
      default:
        throw new UsageError(command ? `Unknown api-keys command "${command}"` : "api-keys needs a command");
    }
  } finally {
    await getDb().$disconnect();
  }
};

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
