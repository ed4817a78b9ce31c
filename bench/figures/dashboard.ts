import type { TFigure } from "../harness/figure";
import { BEARER, LIST_COUNT } from "../harness/options";
import { addRow, fixed, log, thousands } from "../harness/report";
import type { TDb } from "../harness/seed";
import { signIn, timeSequential } from "../harness/session";
import type { TProvider } from "../harness/stack";

// The authorizer list, its filters, the overview and the metrics with 100,000 authorizers (--list N), 40 requests one
// after another each, beside the constant route.

const WORDS = ["咖啡", "Coffee", "Bakery", "书店", "Books", "Fitness", "健身", "Tea", "茶馆", "Garden", "花店", "Studio"];
const ROUNDS = 40;

/**
 * Authorizers number `from` to `to` - 1 for the list, written by one SQL statement (a million through the client
 * would take half an hour): 1 in 3 a mini program, 1 in 50 needing re-authorization, 1 in 40 cancelled, expiries
 * spread over two hours, and names whose word does not follow the kind (so a scope, that is a kind, is found early in
 * any sort). The triggers index each row for search as the app's own writes do.
 */
const seedListAuthorizers = async (provider: TProvider, db: TDb, from: number, to: number) => {
  const { encryptSecret } = await import("../../lib/secrets");
  const words = `'${JSON.stringify(WORDS)}'`;
  const refreshToken = encryptSecret("bench-list-refresh-token");
  const nowSeconds = Date.now() / 1000;
  const columns = `"appid", "kind", "status", "nickName", "principalName", "userName", "refreshToken", "accessTokenExpiresAt", "authorizedAt", "createdAt", "updatedAt"`;
  const kind = `CASE WHEN i % 3 = 0 THEN 'mini_program' ELSE 'official_account' END`;
  const status = `CASE WHEN i % 50 = 7 THEN 'needs_reauthorization' WHEN i % 40 = 3 THEN 'unauthorized' ELSE 'authorized' END`;
  await db.$executeRawUnsafe(
    provider === "postgres"
      ? `INSERT INTO "Authorizer"(${columns})
         SELECT 'wx' || substr(md5(random()::text), 1, 16), ${kind}, ${status},
           (${words}::jsonb ->> ((i / 3) % 12)::int) || ' ' || i, (${words}::jsonb ->> ((i * 7) % 12)::int) || ' 有限公司 ' || (i % 997),
           'gh_' || substr(md5(random()::text), 1, 12), '${refreshToken}',
           to_timestamp(${nowSeconds} + i % 7200), now(), now(), now()
         FROM generate_series(${from}::bigint, ${to - 1}) AS i`
      : `WITH RECURSIVE c(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM c WHERE i < ${to - 1})
         INSERT INTO "Authorizer"(${columns})
         SELECT 'wx' || lower(hex(randomblob(8))), ${kind}, ${status},
           json_extract(${words}, '$[' || ((i / 3) % 12) || ']') || ' ' || i,
           json_extract(${words}, '$[' || ((i * 7) % 12) || ']') || ' 有限公司 ' || (i % 997),
           'gh_' || lower(hex(randomblob(6))), '${refreshToken}',
           strftime('%Y-%m-%dT%H:%M:%f+00:00', ${nowSeconds} + i % 7200, 'unixepoch'),
           strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
         FROM c`,
  );
};

/** Up to LIST_COUNT authorizers with their scopes, and the statistics autovacuum would have gathered by now. */
const fillList = async (provider: TProvider, db: TDb) => {
  const existing = await db.authorizer.count();
  const toAdd = Math.max(0, LIST_COUNT - existing);
  log(`seeding ${thousands(toAdd)} more authorizers for the list (${provider})`);
  for (let from = existing; from < existing + toAdd; from += 100_000) {
    await seedListAuthorizers(provider, db, from, Math.min(existing + toAdd, from + 100_000));
    if (toAdd > 100_000) log(`  ${thousands(from + 100_000 - existing)} of ${thousands(toAdd)}`);
  }
  await db.$executeRawUnsafe(
    provider === "postgres"
      ? `INSERT INTO "AuthorizerScope"("appid", "scopeId") SELECT "appid", s FROM "Authorizer",
           unnest(CASE WHEN "kind" = 'mini_program' THEN ARRAY[17, 18] ELSE ARRAY[1, 2] END) AS s ON CONFLICT DO NOTHING`
      : `INSERT OR IGNORE INTO "AuthorizerScope"("appid", "scopeId")
           SELECT "appid", CASE WHEN "kind" = 'mini_program' THEN 17 ELSE 1 END FROM "Authorizer"
           UNION ALL SELECT "appid", CASE WHEN "kind" = 'mini_program' THEN 18 ELSE 2 END FROM "Authorizer"`,
  );
  // What autovacuum would have done by now: statistics for every table (the scope filter's plan needs the scopes'),
  // and the visibility map that lets Postgres count from an index alone.
  if (provider === "postgres") await db.$executeRawUnsafe('VACUUM "Authorizer"');
  await db.$executeRawUnsafe("ANALYZE");
};

const QUERIES = ["", "咖啡", "Bakery 12", "wx1", "有限公司 42", "no-such-account", "Tea", "Studio 9"];
const FILTERS = [
  "status=needs_reauthorization",
  "kind=mini_program&sort=expiry",
  "status=unauthorized&sort=recent",
  "scope=17&sort=name",
  "kind=official_account&q=Coffee",
  "status=authorized&q=wx2",
  "sort=name",
  "status=needs_reauthorization&kind=mini_program&q=有限公司 9",
];
const encodeSearch = (filter: string) => filter.replace(/q=([^&]*)/, (_, text: string) => `q=${encodeURIComponent(text)}`);

export const dashboard: TFigure = {
  name: "dashboard",
  aliases: ["list"],
  isDefault: true,
  run: async ({ provider, apps: [app], db, env }) => {
    await fillList(provider, db);
    const total = await db.authorizer.count();
    const cookie = await signIn(app, env);
    const page = (path: string) => fetch(`${app.url}${path}`, { headers: { cookie } });
    log(`list queries over ${thousands(total)} authorizers (${provider})`);
    // Warm each once (a production build compiles nothing, but this fills the database's caches fairly for all).
    for (const path of ["/authorizers", "/overview"]) await page(path);
    const measures: Array<[string, Awaited<ReturnType<typeof timeSequential>>]> = [
      [
        `GET /api/v1/authorizers?q= (${QUERIES.length} searches)`,
        await timeSequential(ROUNDS, (index) =>
          fetch(`${app.url}/api/v1/authorizers?q=${encodeURIComponent(QUERIES[index % QUERIES.length])}`, { headers: BEARER }),
        ),
      ],
      [
        `authorizers page /authorizers?q= (${QUERIES.length} searches)`,
        await timeSequential(ROUNDS, (index) => page(`/authorizers?q=${encodeURIComponent(QUERIES[index % QUERIES.length])}`)),
      ],
      [
        `authorizers page with filters and sorts (${FILTERS.length} combinations)`,
        await timeSequential(ROUNDS, (index) => page(`/authorizers?${encodeSearch(FILTERS[index % FILTERS.length])}`)),
      ],
      ["overview page /overview", await timeSequential(ROUNDS, () => page("/overview"))],
      ["GET /api/metrics", await timeSequential(ROUNDS, () => fetch(`${app.url}/api/metrics`, { headers: BEARER }))],
    ];
    const floor = await timeSequential(ROUNDS, () => fetch(`${app.url}/api/v1/ping`));
    for (const [measure, figure] of measures) {
      addRow({
        provider,
        measure: `${measure} with ${thousands(total)} authorizers`,
        wxopen: `p50 ${fixed(figure.p50)} ms, p90 ${fixed(figure.p90)} ms (${ROUNDS} sequential; slowest ${fixed(figure.slowest.ms, 0)} ms${figure.slowest.url ? ` ${figure.slowest.url}` : ""})`,
        baseline: `constant route p50 ${fixed(floor.p50)} ms`,
        ratio: "",
        target: "p50 <= 150 ms, p90 <= 300 ms",
        isMet: figure.p50 <= 150 && figure.p90 <= 300,
      });
    }
  },
};
