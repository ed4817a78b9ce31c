import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { TTestApp } from "../../tests/helpers/app";
import { findChildProcess, processTreeRssMb } from "../process-memory";

// The bench's own processes (the bare baselines), long requests, waiting, and the app's memory.

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A bench script run as its own process (`tsx script port`), once it prints "ready". */
export const startChild = async (script: string, port: number, env: Record<string, string>, stdin?: string): Promise<ChildProcess> => {
  const child = spawn(process.execPath, ["--import", "tsx", script, String(port)], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stderr?.on("data", (chunk) => (output += chunk));
  child.stdin?.end(stdin ?? "");
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 30 s:\n${output}`)), 30_000);
    child.stdout?.on("data", (chunk) => {
      if (String(chunk).includes("ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
  return child;
};

export const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

/** One POST with a long timeout (the sweep answers when it is done). */
export const postLong = (url: string, headers: Record<string, string>, timeoutMs: number) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    // A connection of its own: a reused one may be closed by the server while it idled (keep-alive).
    const request = http.request(url, { method: "POST", headers, timeout: timeoutMs, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
    request.end();
  });

export const waitUntil = async (check: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
};

/** The apps' resident memory (each process tree), sampled every `everyMs` until stop(), which answers the peaks in MB. */
export const watchPeakRss = (apps: TTestApp[], everyMs = 250) => {
  const processes = apps.map((app) => findChildProcess("PORT", String(app.port)));
  const peakMb = processes.map(() => 0);
  const sample = () => {
    const rssMb = processes.map(processTreeRssMb);
    rssMb.forEach((mb, index) => (peakMb[index] = Math.max(peakMb[index], mb)));
    return rssMb;
  };
  const timer = setInterval(sample, everyMs);
  return {
    sample,
    stop: () => {
      clearInterval(timer);
      sample();
      return peakMb;
    },
  };
};
