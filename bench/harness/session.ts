import type { TTestApp } from "../../tests/helpers/app";
import { percentile } from "../load";

// The dashboard as an operator sees it: a signed-in session, and pages timed one after another.

/** The cookies of a signed-in admin (next-auth's credentials flow, as the sign-in form posts it). */
export const signIn = async (app: TTestApp, env: Record<string, string>) => {
  const csrf = await fetch(`${app.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const response = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, json: "true", callbackUrl: "/overview" }),
  });
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .find((cookie) => cookie.includes("session-token"));
  if (!session) throw new Error(`sign-in failed (${response.status}): ${await response.text()}`);
  return [...cookies, session].join("; ");
};

/** p50 and p90 of `count` requests one after another, and the request (by URL) that took longest. */
export const timeSequential = async (count: number, request: (index: number) => Promise<Response>) => {
  const latencies: number[] = [];
  let slowest = { ms: 0, url: "" };
  for (let index = 0; index < count; index += 1) {
    const startedAt = performance.now();
    const response = await request(index);
    const body = await response.text();
    const ms = performance.now() - startedAt;
    latencies.push(ms);
    if (ms > slowest.ms) slowest = { ms, url: decodeURIComponent(new URL(response.url).search) };
    if (response.status !== 200) throw new Error(`answered ${response.status}: ${body.slice(0, 300)}`);
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p90: percentile(latencies, 90), slowest };
};
