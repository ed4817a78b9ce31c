// Collapses concurrent calls with the same key in this process into one promise.
const inFlight = new Map<string, Promise<unknown>>();

export const singleFlight = <T>(key: string, work: () => Promise<T>): Promise<T> => {
  const running = inFlight.get(key);
  if (running) return running as Promise<T>;
  const promise = work().finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
};
