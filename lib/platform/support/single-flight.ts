// Collapses concurrent calls with the same key in this process into one promise. On globalThis: the JSON API
// (server/) and Next.js load this module separately, and a token refresh must be one flight for both.
const globalForFlights = globalThis as unknown as { wxopenSingleFlights?: Map<string, Promise<unknown>> };
const inFlight = (globalForFlights.wxopenSingleFlights ??= new Map<string, Promise<unknown>>());

export const singleFlight = <T>(key: string, work: () => Promise<T>): Promise<T> => {
  const running = inFlight.get(key);
  if (running) return running as Promise<T>;
  const promise = work().finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
};
