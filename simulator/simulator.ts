import { setMaxListeners } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { addFault } from "./faults";
import {
  accountAuthorizations,
  activeAuthorizationsByPlatform,
  authorizeAccount,
  cancelAuthorization,
  findAuthorization,
  replaceRefreshToken,
} from "./authorizations";
import { retireAuthorizerTokens, retireComponentTokens } from "./tokens";
import { createClock } from "./clock";
import { resolveConfig, type TSimulatorConfig } from "./config";
import { createState, type TAuthorization, type TSimulatorContext } from "./context";
import { listCustomMessages } from "./custom-messages";
import { listMessages, startMessage } from "./messages";
import { startReviewTimer } from "./mini-program/audit-review";
import { miniProgramMethods } from "./mini-program/simulator-methods";
import { addAccounts, advanceClock, filterCalls, updateConfig } from "./operations";
import { deliverPush, listDeliveries } from "./push-delivery";
import { quotaUsageToday } from "./quota";
import { listReleaseChecks, startReleaseCheck } from "./release-check";
import { createRequestListener } from "./server";
import type { TSimulator } from "./simulator-types";
import { describeTicket, pushNewTicket, startTicketTimer } from "./tickets";
import { addPlatform, allPlatforms, describePlatform, requirePlatform } from "./platforms";

export type TStartOptions = {
  /** Where background failures (a timer push that threw) are reported; console.error by default. */
  onError?: (error: unknown) => void;
};

/** A copy, so callers cannot change the simulator's state through it. */
const copyAuthorization = (authorization: TAuthorization): TAuthorization => ({ ...authorization, funcIds: [...authorization.funcIds] });

const latestReleaseCheck = (context: TSimulatorContext) => {
  const run = context.state.releaseChecks.at(-1);
  return run ? { id: run.id, group: run.group, status: run.status } : null;
};

/** Starts a WeChat stand-in on host:port; resolves once it listens. */
export const startSimulator = async (config: TSimulatorConfig = {}, options: TStartOptions = {}): Promise<TSimulator> => {
  const { config: resolved, seedAccounts } = resolveConfig(config);
  const onError = options.onError ?? ((error: unknown) => console.error("[simulator]", error));
  const shutdown = new AbortController();
  // Every call sleeping out its latency listens for the shutdown: hundreds at a time under load are expected.
  setMaxListeners(0, shutdown.signal);
  const context: TSimulatorContext = {
    config: resolved,
    clock: createClock(resolved.now),
    state: createState(seedAccounts),
    url: "",
    shutdown,
  };
  let stopTicketTimer = () => {};
  let stopReviewTimer = () => {};

  const simulator: TSimulator = {
    url: "",
    config: context.config,
    close: async () => {
      stopTicketTimer();
      stopReviewTimer();
      context.shutdown.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    pushTicket: (componentAppid) => pushNewTicket(context, requirePlatform(context, componentAppid)),
    addPlatform: (input) => describePlatform(addPlatform(context, input)),
    platforms: () =>
      allPlatforms(context).map((platform) => ({
        ...describePlatform(platform),
        latestTicket:
          describeTicket(platform.isPrimary ? context.state.latestTicket : context.state.latestTickets.get(platform.componentAppid)) ??
          null,
      })),
    push: (message) => deliverPush(context, message),
    calls: (filter) => filterCalls(context, filter),
    clearCalls: () => {
      context.state.calls = [];
    },
    deliveries: () => listDeliveries(context),
    clearDeliveries: () => {
      context.state.deliveries = [];
    },
    addFault: (fault) => ({ ...addFault(context, fault) }),
    faults: () => context.state.faults.map((fault) => ({ ...fault })),
    clearFaults: () => {
      context.state.faults = [];
    },
    advanceClock: (seconds) => advanceClock(context, seconds, onError),
    now: () => new Date(context.clock.nowMs()),
    accounts: () =>
      [...context.state.accounts.values()].map((account) => {
        const authorization = findAuthorization(context, account.appid);
        return {
          ...account,
          authorization: authorization ? copyAuthorization(authorization) : null,
          authorizations: accountAuthorizations(context, account.appid).map(copyAuthorization),
        };
      }),
    addAccounts: (count, addOptions) => addAccounts(context, count, addOptions),
    authorizeProgrammatically: (authorizeOptions) => authorizeAccount(context, authorizeOptions),
    cancelAuthorization: (appid, componentAppid) => cancelAuthorization(context, appid, componentAppid),
    retireAuthorizerTokens: (appid, componentAppid) => retireAuthorizerTokens(context, appid, componentAppid),
    retireComponentTokens: () => retireComponentTokens(context),
    replaceRefreshToken: (appid, componentAppid) => replaceRefreshToken(context, appid, componentAppid),
    latestTicket: () => describeTicket(context.state.latestTicket) ?? null,
    setConfig: (change) => {
      const previousInterval = context.config.ticketIntervalSeconds;
      updateConfig(context, change);
      if (context.config.ticketIntervalSeconds !== previousInterval) {
        stopTicketTimer();
        stopTicketTimer = startTicketTimer(context, onError);
      }
    },
    state: () => ({
      url: context.url,
      now: new Date(context.clock.nowMs()).toISOString(),
      clockOffsetSeconds: context.clock.offsetSeconds(),
      componentAppid: context.config.componentAppid,
      notifyUrl: context.config.notifyUrl,
      messageUrl: context.config.messageUrl,
      authDomains: [...context.config.authDomains],
      ticketIntervalSeconds: context.config.ticketIntervalSeconds,
      latestTicket: describeTicket(context.state.latestTicket) ?? null,
      accountCount: context.state.accounts.size,
      activeAuthorizations: activeAuthorizationsByPlatform(context)[context.config.componentAppid],
      activeAuthorizationsByPlatform: activeAuthorizationsByPlatform(context),
      callCount: context.state.calls.length,
      deliveryCount: context.state.deliveries.length,
      pendingDeliveries: context.state.deliveries.filter((delivery) => delivery.isPending).length,
      faults: context.state.faults.map((fault) => ({ ...fault })),
      quotaUsageToday: quotaUsageToday(context),
      messageCount: context.state.messages.length,
      customMessageCount: context.state.customMessages.length,
      latestReleaseCheck: latestReleaseCheck(context),
    }),
    sendMessage: async (messageOptions) => startMessage(context, messageOptions).done,
    messages: () => listMessages(context),
    clearMessages: () => {
      context.state.messages = [];
    },
    customMessages: () => listCustomMessages(context),
    clearCustomMessages: () => {
      context.state.customMessages = [];
    },
    startReleaseCheck: (checkOptions) => startReleaseCheck(context, checkOptions).run,
    runReleaseCheck: async (checkOptions) => startReleaseCheck(context, checkOptions).done,
    releaseChecks: () => listReleaseChecks(context),
    ...miniProgramMethods(context),
  };

  const server = createServer(createRequestListener(context, simulator, onError));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // A wildcard bind is not a usable origin for links and images; loopback is.
  const host = ["0.0.0.0", "::", ""].includes(resolved.host)
    ? "127.0.0.1"
    : resolved.host.includes(":")
      ? `[${resolved.host}]`
      : resolved.host;
  context.url = `http://${host}:${port}`;
  simulator.url = context.url;
  stopTicketTimer = startTicketTimer(context, onError);
  stopReviewTimer = startReviewTimer(context, onError);
  return simulator;
};
