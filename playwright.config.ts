import { defineConfig } from "@playwright/test";
import { E2E } from "./e2e/fixtures/stack";

// Browser tests drive Debian's Chromium (npx playwright install cannot download here) against the built app and
// the WeChat simulator, started together by scripts/demo.ts on a fresh SQLite database.
export default defineConfig({
  testDir: "e2e",
  outputDir: `.tmp/playwright-${E2E.port}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: E2E.appUrl,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    },
    locale: "zh-CN",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  webServer: {
    command: `node --import tsx scripts/demo.ts --quiet --port ${E2E.port} --simulator-port ${E2E.simulatorPort} --database file:./.tmp/e2e-${E2E.port}.db --fresh`,
    url: `${E2E.appUrl}/api/health`,
    env: E2E.env,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
