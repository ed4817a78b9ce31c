"use client";

import { useSyncExternalStore } from "react";

// One ticking clock per interval, shared by every component that shows live time. The server's render and the
// hydration read `serverNow`, so the first paint matches the HTML; the browser's clock takes over after that.

type TClock = {
  now: number;
  listeners: Set<() => void>;
  timer?: ReturnType<typeof setInterval>;
  subscribe: (onChange: () => void) => () => void;
};

const clocks = new Map<number, TClock>();

const clockFor = (intervalMs: number): TClock => {
  const existing = clocks.get(intervalMs);
  if (existing) return existing;
  const clock: TClock = {
    now: Date.now(),
    listeners: new Set(),
    subscribe: (onChange) => {
      clock.listeners.add(onChange);
      if (!clock.timer) {
        clock.now = Date.now();
        clock.timer = setInterval(() => {
          clock.now = Date.now();
          for (const listener of clock.listeners) listener();
        }, intervalMs);
      }
      return () => {
        clock.listeners.delete(onChange);
        if (clock.listeners.size === 0) {
          clearInterval(clock.timer);
          clock.timer = undefined;
        }
      };
    },
  };
  clocks.set(intervalMs, clock);
  return clock;
};

/** The current time in ms, updated every `intervalMs` while a component shows it. */
export const useNow = (intervalMs: number, serverNow: number) => {
  const clock = clockFor(intervalMs);
  return useSyncExternalStore(
    clock.subscribe,
    () => clock.now,
    () => serverNow,
  );
};

const subscribeNever = () => () => {};

/** False on the server and during hydration, true once the browser renders: for what only the browser knows (its time zone). */
export const useIsBrowser = () =>
  useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
