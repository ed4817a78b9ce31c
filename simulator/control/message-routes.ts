import { startMessage } from "../messages";
import { startReleaseCheck } from "../release-check";
import { parse, type TRoute } from "./control-route";
import { ZMessageBody, ZReleaseCheckBody } from "./control-schemas";

// /__sim/messages, /__sim/custom-messages, /__sim/release-check - the message URL side of the simulator (§10)
export const MESSAGE_ROUTES: TRoute[] = [
  {
    method: "POST",
    pattern: /^\/messages$/,
    section: "messages",
    handle: async ({ context, body, isForm }) => {
      const { wait, ...options } = parse(ZMessageBody, await body());
      // Validation errors surface now (4xx) even when the answer does not wait for the platform.
      const { message, done } = startMessage(context, options);
      if (!(wait ?? !isForm)) {
        done.catch(() => {});
        return message;
      }
      return done;
    },
  },
  { method: "GET", pattern: /^\/messages$/, handle: ({ simulator }) => simulator.messages() },
  { method: "DELETE", pattern: /^\/messages$/, handle: ({ simulator }) => (simulator.clearMessages(), { cleared: true }) },
  { method: "GET", pattern: /^\/custom-messages$/, handle: ({ simulator }) => simulator.customMessages() },
  { method: "DELETE", pattern: /^\/custom-messages$/, handle: ({ simulator }) => (simulator.clearCustomMessages(), { cleared: true }) },
  {
    method: "POST",
    pattern: /^\/release-check$/,
    section: "release-check",
    handle: async ({ context, body }) => {
      const { wait, ...options } = parse(ZReleaseCheckBody, await body());
      const { run, done } = startReleaseCheck(context, options);
      return wait ? done : run;
    },
  },
  { method: "GET", pattern: /^\/release-check$/, handle: ({ simulator }) => simulator.releaseChecks() },
];
