import { randomBytes } from "node:crypto";

// The command line, read once: figures by name (`npm run bench -- token-api proxy`) and the flags run.ts documents.

const FLAGS_WITH_VALUES = [
  "--provider",
  "--seconds",
  "--sweep",
  "--concurrency",
  "--list",
  "--only",
  "--rate-accounts",
  "--rate-minutes",
  "--rate-latency",
  "--rate-instances",
  "--rate-reads",
];

const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
};
const numbers = (list: string) => list.split(",").map(Number);

/** The words on the command line that are neither a flag nor a flag's value: the figures asked for. */
const positionalNames = () =>
  process.argv.slice(2).filter((word, index, words) => !word.startsWith("--") && !FLAGS_WITH_VALUES.includes(words[index - 1]));

export const IS_QUICK = process.argv.includes("--quick");
/** Measuring time per load figure: --seconds, else BENCH_SECONDS, else 5 (1 with --quick). */
export const SECONDS = Number(argument("--seconds", process.env.BENCH_SECONDS ?? (IS_QUICK ? "1" : "5")));
export const SWEEP_COUNT = Number(argument("--sweep", IS_QUICK ? "1000" : "10000"));
export const SWEEP_CONCURRENCY = Number(argument("--concurrency", "8"));
export const LIST_COUNT = Number(argument("--list", IS_QUICK ? "10000" : "100000"));
export const PROVIDER = argument("--provider", "both");
/** The figures named on the command line (positional words, or --only a,b); empty: the default set. */
export const REQUESTED_FIGURES = [...positionalNames(), ...argument("--only", "").split(",")].filter(Boolean);

export const RATE_ACCOUNTS = Number(argument("--rate-accounts", "100000"));
export const RATE_MINUTES = Number(argument("--rate-minutes", "30"));
export const RATE_LATENCIES_MS = numbers(argument("--rate-latency", "100,300"));
export const RATE_INSTANCES = numbers(argument("--rate-instances", "1,3"));
export const RATE_READS_PER_SECOND = Number(argument("--rate-reads", "20"));

export const SIMULATOR_LATENCY_MS = 100;
export const TOKEN_ACCOUNTS = 100;
export const MAX_REQUESTS = 500_000;

export const DATA_ENCRYPTION_KEY = randomBytes(32).toString("base64");
export const API_KEY = `wxo_${randomBytes(32).toString("base64url")}`;
export const BEARER = { authorization: `Bearer ${API_KEY}` };
