/** The simulator's notion of "now": the configured wall clock plus whatever tests have fast-forwarded. */
export type TClock = {
  nowMs: () => number;
  nowSeconds: () => number;
  advance: (seconds: number) => void;
  offsetSeconds: () => number;
};

export const createClock = (source: () => number): TClock => {
  let offsetMs = 0;
  const nowMs = () => source() + offsetMs;
  return {
    nowMs,
    nowSeconds: () => Math.floor(nowMs() / 1000),
    advance: (seconds) => {
      offsetMs += seconds * 1000;
    },
    offsetSeconds: () => offsetMs / 1000,
  };
};

/** Beijing time (UTC+8): WeChat's daily quotas roll over at its midnight. */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

export const beijingDay = (epochMs: number) => new Date(epochMs + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
export const beijingMonth = (epochMs: number) => beijingDay(epochMs).slice(0, 7);
