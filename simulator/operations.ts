import { makeBulkAccount, type TAccount, type TBulkKind } from "./accounts";
import { authorizeAccount } from "./authorizations";
import { applyConfigChange, type TMutableConfig } from "./config";
import type { TCall, TSimulatorContext } from "./context";
import { SimulatorError } from "./errors";
import { decideDueAudits } from "./mini-program/audit-review";
import { pushNewTicket } from "./tickets";

/** The bits of the public API that are more than one line; shared by the JS object and the HTTP control routes. */

export type TCallFilter = { path?: string; api?: string; appid?: string };

/** `path` matches the full path, the API name ("api_component_token") or a path suffix; `appid` the account acted for. */
export const filterCalls = (context: TSimulatorContext, filter: TCallFilter = {}): TCall[] =>
  context.state.calls
    .filter((call) => {
      if (filter.api && call.api !== filter.api) return false;
      if (filter.appid && call.appid !== filter.appid) return false;
      if (filter.path && call.path !== filter.path && call.api !== filter.path && !call.path.endsWith(filter.path)) return false;
      return true;
    })
    .map((call) => ({ ...call, query: { ...call.query } }));

export type TAddAccountsOptions = {
  kind?: TBulkKind;
  /** Authorize each new account at once (without a page visit). */
  authorize?: boolean;
  /** With authorize: also push `authorized` for each (default false: bulk seeding should not flood the app). */
  shouldPush?: boolean;
};

export const addAccounts = (context: TSimulatorContext, count: number, options: TAddAccountsOptions = {}): TAccount[] => {
  if (!Number.isInteger(count) || count < 1 || count > 10_000) throw new SimulatorError("count must be an integer from 1 to 10000");
  const created: TAccount[] = [];
  for (let made = 0; made < count; made += 1) {
    context.state.bulkAccountCount += 1;
    const account = makeBulkAccount(context.state.bulkAccountCount, options.kind ?? "mixed");
    context.state.accounts.set(account.appid, account);
    if (options.authorize) {
      authorizeAccount(context, { appid: account.appid, shouldPush: options.shouldPush ?? false }).delivery?.catch(() => {});
    }
    created.push(account);
  }
  return created;
};

/**
 * Moves simulator time forward. WeChat keeps pushing tickets every 10 minutes, so when the timer is on and the
 * jump spans an interval, one fresh ticket is pushed to stand in for the ones the jump skipped.
 */
export const advanceClock = (context: TSimulatorContext, seconds: number, onError: (error: unknown) => void) => {
  if (!Number.isFinite(seconds)) throw new SimulatorError("advanceSeconds must be a number");
  context.clock.advance(seconds);
  const interval = context.config.ticketIntervalSeconds;
  if (interval > 0 && seconds >= interval) void pushNewTicket(context).catch(onError);
  // Reviews that ended within the jump are decided now, not at the next tick of the review timer.
  decideDueAudits(context, onError);
  return { now: new Date(context.clock.nowMs()).toISOString(), offsetSeconds: context.clock.offsetSeconds() };
};

export const updateConfig = (context: TSimulatorContext, change: Partial<TMutableConfig>) => {
  try {
    applyConfigChange(context.config, change);
  } catch (error) {
    throw new SimulatorError(error instanceof Error ? error.message : String(error));
  }
};

/** The configuration without the clock function, for JSON answers. */
export const publicConfig = (context: TSimulatorContext) => {
  const { now: _now, ...rest } = context.config;
  return rest;
};
