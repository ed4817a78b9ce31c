import type { Simulator } from "../../simulator";

// The refreshes the app asks of the simulator, as the sweep figures and the rate test count them.

/**
 * Every api_authorizer_token call from now on, handed to `onCall` with its appid and arrival time. The simulator keeps
 * the last 5000 calls: they are drained every 250 ms (calls() and clearCalls() in one synchronous step).
 */
export const watchRefreshCalls = (simulator: Simulator, onCall: (appid: string, atMs: number) => void) => {
  const drain = () => {
    const calls = simulator.calls({ api: "api_authorizer_token" });
    simulator.clearCalls();
    for (const call of calls) onCall((call.body as Record<string, string>).authorizer_appid, Date.parse(call.at));
  };
  simulator.clearCalls();
  const poller = setInterval(drain, 250);
  return {
    stop: () => {
      clearInterval(poller);
      drain();
    },
  };
};

/** api_authorizer_token calls per appid from now on; stop() answers the duplicates and the accounts never called. */
export const countRefreshCalls = (simulator: Simulator, swept: Set<string>) => {
  const counts = new Map<string, number>();
  const watcher = watchRefreshCalls(simulator, (appid) => counts.set(appid, (counts.get(appid) ?? 0) + 1));
  return {
    stop: () => {
      watcher.stop();
      return {
        duplicates: [...counts.entries()].filter(([appid, count]) => swept.has(appid) && count > 1).length,
        missed: [...swept].filter((appid) => !counts.has(appid)).length,
      };
    },
  };
};
