import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "./lib/env";
import { buildContentSecurityPolicy, createNonce } from "./lib/http/content-security-policy";

// Every page gets a Content-Security-Policy with a fresh nonce. Next.js finds the nonce in the request's copy of the
// header and puts it on the scripts it renders (pages are rendered per request: the root layout reads the locale).
export function proxy(request: NextRequest) {
  const env = getEnv();
  const nonce = createNonce();
  const policy = buildContentSecurityPolicy({
    nonce,
    isDevelopment: env.NODE_ENV === "development",
    page: request.nextUrl.pathname.startsWith("/authorize/") ? "authorize" : "dashboard",
    imageOrigins: [new URL(env.WECHAT_API_BASE).origin],
    formTargets: [new URL(env.WECHAT_MP_BASE).origin],
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    // Not the JSON API (its own header in next.config.mjs), static files or prefetches (no HTML of their own).
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
