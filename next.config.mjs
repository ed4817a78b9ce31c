/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Prisma runtime modules are loaded by Node at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
};

export default nextConfig;
