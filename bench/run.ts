// npm run bench: the token service against the WeChat simulator on this machine, each figure beside a baseline
// measured in the same run (issues 5 and 20). Needs a build (`npm run build`, or NEXT_DIST_DIR=<dir>).
//   npm run bench -- [figure ...]   only the figures named (default: all but rate), in the order below:
//                      token-api, notify, message-url, message-rules, forwarding, proxy, sweep, platforms (token API
//                      over 1, 2 and 10 platforms; a sweep over 10 platforms against one), sweep-instances,
//                      server (next start before, wxopen's server after), dashboard, rate
//                      (rate: Postgres only, not in the default: 30 minutes per configuration). --only a,b also works,
//                      and so do the names before the split (token, pushes, messages, list).
//   --provider sqlite|postgres|both   (default both; Postgres is skipped when it cannot be reached)
//   --seconds N        measuring time per load figure (default BENCH_SECONDS, else 5)
//   --quick            1 s per load figure, a 1,000-authorizer sweep, 10,000 in the list (to check the bench runs)
//   --sweep N          authorizers refreshed by the sweep figure (default 10000)
//   --concurrency N    REFRESH_CONCURRENCY for the sweep (default 8)
//   --list N           authorizers in the database for the dashboard figure (default 100000)
//   --rate-accounts N  accounts the rate test keeps fresh with 600-s tokens (default 100000)
//   --rate-minutes N   how long each rate configuration runs (default 30)
//   --rate-latency a,b simulator latencies in ms, one configuration each (default 100,300)
//   --rate-instances a,b  app instance counts, one configuration each (default 1,3)
//   --rate-reads N     token API reads per second during the rate test (default 20; 0: none)
import os from "node:os";
import { FIGURES } from "./figures";
import type { TFigure } from "./harness/figure";
import { DATA_ENCRYPTION_KEY, PROVIDER, REQUESTED_FIGURES, SECONDS, SWEEP_CONCURRENCY, SWEEP_COUNT } from "./harness/options";
import { addRow, log, printTable, printTargets } from "./harness/report";
import { isPostgresReachable, startStack, adoptAppSettings, type TProvider } from "./harness/stack";

const selectFigures = () => {
  if (!REQUESTED_FIGURES.length) return FIGURES.filter((figure) => figure.isDefault);
  const unknown = REQUESTED_FIGURES.filter((name) => !FIGURES.some((figure) => figure.name === name || figure.aliases?.includes(name)));
  if (unknown.length)
    throw new Error(`unknown figure ${unknown.join(", ")}: the figures are ${FIGURES.map((figure) => figure.name).join(", ")}`);
  return FIGURES.filter((figure) => REQUESTED_FIGURES.some((name) => figure.name === name || figure.aliases?.includes(name)));
};

/** The figures that share one stack run on it in order; the others bring their own. */
const runProvider = async (provider: TProvider, figures: TFigure[]) => {
  const onStack = figures.filter((figure) => figure.run);
  if (onStack.length) {
    const stack = await startStack(provider, {
      DATA_ENCRYPTION_KEY,
      REFRESH_SWEEP_ENABLED: "false",
      REFRESH_BATCH_LIMIT: String(SWEEP_COUNT + 1000),
      REFRESH_CONCURRENCY: String(SWEEP_CONCURRENCY),
      WECHAT_TIMEOUT_MS: "30000",
      // The platform's calls/s cap would otherwise be what limits three instances (200/s: 6 in flight each at 100 ms).
      WECHAT_MAX_CALLS_PER_SECOND: "1000",
      LOG_LEVEL: "error",
    });
    try {
      for (const figure of onStack) {
        try {
          await figure.run?.(stack);
        } catch (error) {
          // One broken figure costs its own row, not the run; the app logged the cause of any 500 it answered.
          log(`${figure.name} failed: ${(error as Error).stack}\nthe app's last output:\n${stack.apps[0].output().slice(-4000)}`);
          addRow({
            provider,
            measure: figure.name,
            wxopen: `failed: ${(error as Error).message.slice(0, 200)}`,
            baseline: "",
            ratio: "",
            target: "",
            isMet: false,
          });
        }
      }
    } finally {
      await stack.stop();
    }
  }
  for (const figure of figures) await figure.runAlone?.(provider);
};

const main = async () => {
  const figures = selectFigures();
  adoptAppSettings();
  const providers: TProvider[] = PROVIDER === "both" ? ["sqlite", "postgres"] : [PROVIDER as TProvider];
  for (const provider of providers) {
    if (provider === "postgres" && !(await isPostgresReachable())) {
      log("Postgres is not reachable at TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test): skipped");
      continue;
    }
    await runProvider(provider, figures);
  }
  console.log(
    `\nwxopen benchmark: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, build ${process.env.NEXT_DIST_DIR ?? ".next"}, ${SECONDS} s per load figure, loopback\n`,
  );
  printTable();
  printTargets();
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
