import http from "node:http";

// A small bounded load generator: `concurrency` lanes on keep-alive sockets, each sending one request at a time
// until the duration or the request cap is reached. Loopback only; every loop is bounded in count and time.

export type TRequestSpec = { path: string; method?: "GET" | "POST"; headers?: Record<string, string>; body?: string };

export type RunLoadOptions = {
  baseUrl: string;
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  warmupMs?: number;
  /** The i-th request. */
  request: (index: number) => TRequestSpec;
  expectStatus?: number;
};

export type TLoadResult = {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  firstError?: string;
};

const REQUEST_TIMEOUT_MS = 10_000;

const send = (agent: http.Agent, base: URL, spec: TRequestSpec) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path: spec.path,
        method: spec.method ?? "GET",
        headers: { ...(spec.headers ?? {}), ...(spec.body ? { "content-length": Buffer.byteLength(spec.body) } : {}) },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`timed out after ${REQUEST_TIMEOUT_MS} ms`)));
    request.on("error", reject);
    request.end(spec.body);
  });

export const percentile = (sorted: Float64Array | number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;

/** Runs a warm-up, then measures throughput and latency percentiles. */
export const runLoad = async ({
  baseUrl,
  concurrency,
  durationMs,
  maxRequests,
  warmupMs = 1000,
  request,
  expectStatus = 200,
}: RunLoadOptions): Promise<TLoadResult> => {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  // Request indexes run on from the warm-up into the measurement, so single-use requests (pushes) are never repeated.
  let next = 0;
  let issued = 0;
  const lanes = async (untilMs: number, cap: number, onDone?: (ms: number, isOk: boolean, detail: string) => void) => {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < untilMs && issued < cap) {
          issued += 1;
          const index = next++;
          const startedAt = performance.now();
          try {
            const answer = await send(agent, base, request(index));
            onDone?.(performance.now() - startedAt, answer.status === expectStatus, `${answer.status} ${answer.body.slice(0, 200)}`);
          } catch (error) {
            onDone?.(performance.now() - startedAt, false, (error as Error).message);
          }
        }
      }),
    );
  };
  await lanes(performance.now() + warmupMs, maxRequests);
  issued = 0;
  const latencies = new Float64Array(maxRequests);
  let done = 0;
  let errors = 0;
  let firstError: string | undefined;
  const startedAt = performance.now();
  await lanes(startedAt + durationMs, maxRequests, (ms, isOk, detail) => {
    latencies[done++] = ms;
    if (!isOk) {
      errors += 1;
      firstError ??= detail;
    }
  });
  const seconds = (performance.now() - startedAt) / 1000;
  agent.destroy();
  const sorted = latencies.slice(0, done).sort();
  return {
    requests: done,
    errors,
    seconds,
    perSecond: done / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    firstError,
  };
};
