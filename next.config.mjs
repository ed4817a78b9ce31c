// Security headers on every page and route. HSTS is sent always: browsers ignore it over plain http, so it takes effect
// exactly when APP_URL is https. The referrer is the origin alone across sites (WeChat checks only the host of the
// merchant's page, and the invitation token in its path stays ours). Only the merchant's pages may be framed.
const COMMON_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
];
const NO_FRAMING = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Prisma runtime modules are loaded by Node at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  // NEXT_DIST_DIR lets several builds live side by side (parallel test runs); `npm test` type-checks with tsc itself.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typescript: { ignoreBuildErrors: true },
  headers: async () => [
    { source: "/:path*", headers: COMMON_HEADERS },
    { source: "/((?!authorize/).*)", headers: NO_FRAMING },
    { source: "/authorize/:path*", headers: [{ key: "Content-Security-Policy", value: "base-uri 'self'; object-src 'none'" }] },
  ],
};

export default nextConfig;
