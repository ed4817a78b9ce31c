// Wakes this process's release worker (a campaign created or resumed here starts at once, not at the next poll).

const listeners = new Set<() => void>();

export const onReleaseWake = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const wakeReleaseWorker = () => {
  for (const listener of listeners) listener();
};
