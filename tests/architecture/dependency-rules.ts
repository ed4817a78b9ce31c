import path from "node:path";
import ts from "typescript";

// The import rules of lib/ (see lib/platform/README.md), checked over a map of repo-relative path -> source text so that
// the same checker runs on the real tree and on the fixtures of its own test.

/** What each lib/platform folder may import, in the order data flows. activity/ and support/ import no domain folder. */
export const PLATFORM_FOLDERS: Record<string, readonly string[]> = {
  pushes: ["authorization", "component", "platforms", "activity", "support"],
  messages: ["pushes", "authorizers", "authorization", "forwarding", "deliveries", "reviews", "platforms", "activity", "support"],
  authorization: ["authorizers", "component", "platforms", "upstream", "forwarding", "activity", "support"],
  authorizers: ["component", "platforms", "upstream", "forwarding", "activity", "support"],
  directory: ["authorizers", "platforms", "support"],
  component: ["platforms", "upstream", "forwarding", "activity", "support"],
  platforms: ["activity", "support"],
  upstream: ["platforms", "support"],
  sweep: ["authorizers", "component", "reviews", "platforms", "upstream", "activity", "support"],
  instance: ["sweep", "deliveries", "releases", "users", "upstream", "activity", "support"],
  users: ["activity", "support"],
  monitoring: ["authorizers", "component", "platforms", "upstream", "deliveries", "activity", "support"],
  forwarding: ["platforms", "activity", "support"],
  proxy: ["authorizers", "component", "platforms", "upstream", "activity", "support"],
  "mini-programs": ["proxy", "platforms", "activity", "support"],
  reviews: ["mini-programs", "forwarding", "platforms", "activity", "support"],
  templates: ["mini-programs", "platforms", "activity", "support"],
  releases: ["mini-programs", "reviews", "templates", "forwarding", "platforms", "activity", "support"],
  deliveries: ["forwarding", "activity", "support"],
  activity: [],
  support: [],
};

/** lib/*.ts at the root: configuration, the database client, errors, logs, secrets. They import each other and lib/wechat. */
const isFoundation = (file: string) => /^lib\/[^/]+\.tsx?$/.test(file);

/** lib/wechat is the protocol alone: it could be published as its own package. */
const WECHAT_PACKAGES = new Set(["zod", "fast-xml-parser"]);

/** lib/platform may use lib/auth only for what users/ manages: password hashes and policy, roles, API keys, sign-in locks, sessions, second factors. */
const PLATFORM_AUTH_MODULES = new Set([
  "lib/auth/password.ts",
  "lib/auth/password-policy.ts",
  "lib/auth/roles.ts",
  "lib/auth/api-keys.ts",
  "lib/auth/login-throttle.ts",
  "lib/auth/user-sessions.ts",
  "lib/auth/totp.ts",
  "lib/auth/recovery-codes.ts",
  "lib/auth/second-factor.ts",
]);

const FRAMEWORK_PACKAGES = /^(next|next-auth|react|react-dom)(\/|$)/;
const DATABASE_MODULES = /^(@prisma\/|\.prisma\/|@prisma$)/;

export type TImport = { from: string; specifier: string; target: string | null; isTypeOnly: boolean };

const SOURCE_EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];

/** Resolves a relative or `@/` specifier to a file of the map; null for a package (or a file outside it). */
const resolveImport = (from: string, specifier: string, files: ReadonlySet<string>): string | null => {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  else return null;
  if (files.has(base)) return base;
  for (const extension of SOURCE_EXTENSIONS) if (files.has(base + extension)) return base + extension;
  return base; // a JSON file or an asset: internal, but not a source file to follow
};

/** Every static import, re-export and dynamic import() of one file, with whether it is erased at compile time. */
export const readImports = (file: string, source: string, files: ReadonlySet<string>): TImport[] => {
  const sourceFile = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    false,
    file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const imports: TImport[] = [];
  const add = (specifier: string, isTypeOnly: boolean) =>
    imports.push({ from: file, specifier, target: resolveImport(file, specifier, files), isTypeOnly });
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const isTypeOnly =
        Boolean(clause?.isTypeOnly) ||
        Boolean(
          clause &&
          !clause.name &&
          clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((element) => element.isTypeOnly),
        );
      add(node.moduleSpecifier.text, isTypeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return imports;
};

const platformFolder = (file: string) => /^lib\/platform\/([^/]+)\//.exec(file)?.[1] ?? null;
const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** The rule an import breaks, or null. */
const breaks = (entry: TImport, importsOf: (file: string) => TImport[]): string | null => {
  const { from, specifier, target } = entry;
  const packageName = target === null ? specifier : null;

  if (from.startsWith("lib/") && target?.startsWith("server/")) return "lib/ never imports server/ (both layers call lib)";
  if (from.startsWith("server/")) {
    if (packageName) {
      if (DATABASE_MODULES.test(packageName)) return "server/ reaches the database only through lib/platform";
      // Only the process entry starts Next.js; the API layer itself never touches it.
      return FRAMEWORK_PACKAGES.test(packageName) && from !== "server/main.ts"
        ? "server/ is the JSON API: no next, next-auth or react"
        : null;
    }
    if (target === "lib/db.ts" || target!.startsWith("lib/generated/")) return "server/ reaches the database only through lib/platform";
    return target!.startsWith("lib/") || target!.startsWith("server/") ? null : "server/ imports lib/ and server/ only";
  }

  if (from.startsWith("lib/wechat/")) {
    if (packageName)
      return packageName.startsWith("node:") || WECHAT_PACKAGES.has(packageName)
        ? null
        : `lib/wechat may use only node:*, ${[...WECHAT_PACKAGES].join(", ")}`;
    return target?.startsWith("lib/wechat/") ? null : "lib/wechat imports nothing of the app";
  }

  if (isFoundation(from)) {
    if (packageName) return FRAMEWORK_PACKAGES.test(packageName) ? "lib/*.ts is framework-free" : null;
    return isFoundation(target!) || target!.startsWith("lib/wechat/") || target!.startsWith("lib/generated/")
      ? null
      : "lib/*.ts imports only lib/*.ts and lib/wechat";
  }

  const folder = platformFolder(from);
  if (from.startsWith("lib/platform/")) {
    if (packageName) {
      if (FRAMEWORK_PACKAGES.test(packageName)) return "lib/platform is framework-free (no next, next-auth or react)";
      if (DATABASE_MODULES.test(packageName)) return "lib/platform reaches the database through lib/db";
      return null;
    }
    if (!folder) return "lib/platform holds folders only";
    if (target!.startsWith("lib/wechat/") || isFoundation(target!)) return null;
    if (target!.startsWith("lib/generated/")) return "lib/platform reaches the database through lib/db";
    if (target!.startsWith("lib/auth/"))
      return folder === "users" && PLATFORM_AUTH_MODULES.has(target!)
        ? null
        : "only lib/platform/users may use lib/auth (password, roles, api-keys)";
    const targetFolder = platformFolder(target!);
    if (!targetFolder) return "lib/platform imports lib/*.ts, lib/wechat and its own folders only";
    if (targetFolder === folder) return null;
    if (!(folder in PLATFORM_FOLDERS)) return `lib/platform/${folder} is not a known folder (add it to PLATFORM_FOLDERS and the README)`;
    return PLATFORM_FOLDERS[folder].includes(targetFolder) ? null : `lib/platform/${folder} may not import lib/platform/${targetFolder}`;
  }

  const isUi = from.startsWith("components/");
  const isAction = from.startsWith("app/(admin)/_actions/");
  if (isUi || isAction || from.startsWith("app/")) {
    if (packageName)
      return DATABASE_MODULES.test(packageName) ? "routes and components reach the database only through lib/platform" : null;
    if (target === "lib/db.ts" || target!.startsWith("lib/generated/"))
      return "routes and components reach the database only through lib/platform";
    // A component shows data: it may name lib/platform's types and its import-free vocabulary (constants), never a use case.
    if (isUi && target!.startsWith("lib/platform/") && !entry.isTypeOnly && importsOf(target!).some((inner) => !inner.isTypeOnly))
      return "components import only types and import-free constants from lib/platform";
  }
  return null;
};

/** Import cycles among lib/ files (each cycle once, as a path that returns to its start). Type-only imports count. */
const findCycles = (graph: Map<string, string[]>): string[][] => {
  const cycles: string[][] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "visiting");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "visiting") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
};

/** Packages that only run on the server: a client component that reaches one breaks in the browser. */
const SERVER_ONLY = /^(node:|pino$|prom-client$|fastify|@fastify\/|@prisma\/|better-sqlite3$|pg$|@node-rs\/)/;
const directive = (source: string | undefined) => /^\s*["'](use client|use server)["']/.exec(source ?? "")?.[1] ?? null;

/** The import path by which a client component reaches a server-only package, or null. Server actions ("use server")
 * are a boundary: the client gets a reference to them, not their code. Type-only imports do not count. */
const serverOnlyPath = (start: string, sources: ReadonlyMap<string, string>, importsOf: (file: string) => TImport[]): string[] | null => {
  const seen = new Set<string>([start]);
  const queue: string[][] = [[start]];
  while (queue.length) {
    const trail = queue.shift()!;
    for (const entry of importsOf(trail[trail.length - 1])) {
      if (entry.isTypeOnly) continue;
      if (entry.target === null) {
        if (SERVER_ONLY.test(entry.specifier)) return [...trail, entry.specifier];
        continue;
      }
      if (seen.has(entry.target) || directive(sources.get(entry.target)) === "use server") continue;
      seen.add(entry.target);
      queue.push([...trail, entry.target]);
    }
  }
  return null;
};

/** Every broken rule in a tree, one readable line each; empty when the tree follows the rules. */
export const checkArchitecture = (sources: ReadonlyMap<string, string>): string[] => {
  const files = new Set(sources.keys());
  const cache = new Map<string, TImport[]>();
  const importsOf = (file: string) => {
    if (!cache.has(file)) cache.set(file, sources.has(file) ? readImports(file, sources.get(file)!, files) : []);
    return cache.get(file)!;
  };
  const violations: string[] = [];
  const libGraph = new Map<string, string[]>();
  for (const file of [...files].sort()) {
    if (file.startsWith("lib/generated/")) continue;
    const imports = importsOf(file);
    for (const entry of imports) {
      if (isTest(file) && entry.target === null) continue; // node:test and friends
      const rule = breaks(entry, importsOf);
      if (rule) violations.push(`${file}: import "${entry.specifier}" - ${rule}`);
    }
    if (file.startsWith("lib/"))
      libGraph.set(
        file,
        imports.flatMap((entry) => (entry.target?.startsWith("lib/") && files.has(entry.target) ? [entry.target] : [])),
      );
  }
  for (const cycle of findCycles(libGraph)) violations.push(`import cycle: ${cycle.join(" -> ")}`);
  for (const file of [...files].sort()) {
    if (directive(sources.get(file)) !== "use client") continue;
    const trail = serverOnlyPath(file, sources, importsOf);
    if (trail) violations.push(`${file}: a client component reaches server-only ${trail[trail.length - 1]} through ${trail.join(" -> ")}`);
  }
  return violations;
};
