// Security headers on every page and route. HSTS is sent always: browsers ignore it over plain http, so it takes effect
// exactly when APP_URL is https. The dashboard and the API send the referrer as the origin alone across sites and may
// not be framed; the merchant's /authorize pages keep the browser's own referrer behaviour (WeChat checks the Referer
// of the page the merchant starts from) and may be framed by the platform's site. Pages get their
// Content-Security-Policy, with a nonce per request, from proxy.ts; the JSON API keeps this one.
const ALWAYS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
];
const DASHBOARD_AND_API = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];
const API = [{ key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'" }];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Prisma runtime modules are loaded by Node at run time, not bundled. prom-client and pino too: one copy
  // in the process, shared with the API layer (pino also resolves its worker files at run time).
  serverExternalPackages: [
    "better-sqlite3",
    "@node-rs/argon2",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "prom-client",
    "pino",
  ],
  poweredByHeader: false,
  // NEXT_DIST_DIR lets several builds live side by side (parallel test runs); `npm test` type-checks with tsc itself.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typescript: { ignoreBuildErrors: true },
  headers: async () => [
    { source: "/:path*", headers: ALWAYS },
    { source: "/((?!authorize/).*)", headers: DASHBOARD_AND_API },
    { source: "/api/:path*", headers: API },
  ],
};

export default nextConfig;
