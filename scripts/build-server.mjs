// Bundles server/main.ts (the JSON API and the Next.js front) into .next/wxopen-server.cjs for `npm start`, so a
// deployment runs plain Node: no TypeScript loader in the process (tsx costs about 35 MB of resident memory).
// Packages stay in node_modules; the Prisma clients stay in lib/generated (their query engine files sit beside them).
import { build } from "esbuild";
import path from "node:path";

const distDir = process.env.NEXT_DIST_DIR || ".next";

// The server, and its delivery thread (server/start-delivery-thread.ts loads it from beside the server).
await build({
  entryPoints: { "wxopen-server": "server/main.ts", "wxopen-delivery-thread": "server/delivery-thread.ts" },
  outdir: distDir,
  outExtension: { ".js": ".cjs" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  tsconfig: "tsconfig.json",
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [
    {
      name: "prisma-clients-in-place",
      setup(builder) {
        builder.onResolve({ filter: /\/generated\/(sqlite|postgres)$/ }, (args) => ({
          path: path.relative(distDir, path.resolve("lib/generated", path.basename(args.path))),
          external: true,
        }));
      },
    },
  ],
});
console.log(`Built ${path.join(distDir, "wxopen-server.cjs")} and wxopen-delivery-thread.cjs`);
