// npm run simulator - runs the WeChat simulator as its own process, configured from the environment.
import { isValidEncodingAesKey } from "../lib/wechat/crypto";
import { normalizeDomain, type TSimulatorConfig } from "./config";
import { startSimulator } from "./simulator";

const env = process.env;

const numberFrom = (name: string, fallback: number) => {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
};

const readConfig = (): TSimulatorConfig => {
  const appUrl = env.APP_URL ?? "http://localhost:3000";
  const aesKey = env.WECHAT_COMPONENT_AES_KEY;
  // Fail at start, naming the variable, rather than at the first push.
  if (aesKey && !isValidEncodingAesKey(aesKey)) {
    throw new Error(`WECHAT_COMPONENT_AES_KEY must be 43 characters of [A-Za-z0-9] (got ${aesKey.length} characters)`);
  }
  const domains = env.SIMULATOR_AUTH_DOMAINS ? env.SIMULATOR_AUTH_DOMAINS.split(",") : [normalizeDomain(appUrl), "localhost", "127.0.0.1"];
  return {
    port: numberFrom("SIMULATOR_PORT", 4100),
    host: env.SIMULATOR_HOST || undefined,
    componentAppid: env.WECHAT_COMPONENT_APPID || undefined,
    componentAppsecret: env.WECHAT_COMPONENT_APPSECRET || undefined,
    token: env.WECHAT_COMPONENT_TOKEN || undefined,
    encodingAesKey: aesKey || undefined,
    notifyUrl: env.SIMULATOR_NOTIFY_URL || `${appUrl.replace(/\/$/, "")}/api/wechat/notify`,
    // Without it, the notify URL's origin + /api/wechat/messages/$APPID$ (config.ts).
    messageUrl: env.SIMULATOR_MESSAGE_URL || undefined,
    ticketIntervalSeconds: numberFrom("SIMULATOR_TICKET_INTERVAL_SECONDS", 600),
    authorizerTokenLifetimeSeconds: numberFrom("SIMULATOR_AUTHORIZER_TOKEN_LIFETIME_SECONDS", 7200),
    authDomains: [...new Set(domains.map(normalizeDomain).filter(Boolean))],
  };
};

const main = async () => {
  const simulator = await startSimulator(readConfig());
  const { config } = simulator;
  console.log(`WeChat simulator listening on ${simulator.url}`);
  console.log(`  control page     ${simulator.url}/__sim/`);
  console.log(`  component_appid  ${config.componentAppid}`);
  const timer = config.ticketIntervalSeconds > 0 ? `ticket every ${config.ticketIntervalSeconds}s` : "ticket timer off";
  console.log(`  pushes go to     ${config.notifyUrl} (${timer})`);
  console.log(`  messages go to   ${config.messageUrl}`);
  console.log(`  auth domains     ${config.authDomains.join(", ")}`);
  const stop = () => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
};

main().catch((error: unknown) => {
  console.error(`simulator failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
