import { z } from "zod";
import type { TSimulatorContext } from "./context";

export const ZFault = z.object({
  /** An API name as calls are logged ("api_authorizer_token", "menu/get", "wxa/gettemplatelist"), "*" for all, or "push". */
  api: z.string().min(1),
  mode: z.enum(["errcode", "http", "drop", "latency"]),
  errcode: z.number().int().optional(),
  errmsg: z.string().optional(),
  status: z.number().int().min(100).max(599).optional(),
  latencyMs: z.number().int().nonnegative().optional(),
  /** How many matching calls it affects; -1 until cleared. */
  times: z.number().int().optional(),
  match: z.object({ authorizer_appid: z.string().optional() }).optional(),
});

export type TFault = z.infer<typeof ZFault>;
export type TFaultRecord = TFault & { id: number; remaining: number };

export const addFault = (context: TSimulatorContext, fault: TFault): TFaultRecord => {
  const parsed = ZFault.parse(fault);
  const record = { ...parsed, id: context.state.nextFaultId++, remaining: parsed.times ?? 1 };
  context.state.faults.push(record);
  return record;
};

const matches = (fault: TFaultRecord, api: string, body: unknown) => {
  const isApiMatch = fault.api === api || (fault.api === "*" && api !== "push");
  if (!isApiMatch || fault.remaining === 0) return false;
  const wanted = fault.match?.authorizer_appid;
  if (wanted === undefined) return true;
  return typeof body === "object" && body !== null && (body as Record<string, unknown>).authorizer_appid === wanted;
};

const consume = (context: TSimulatorContext, fault: TFaultRecord) => {
  if (fault.remaining > 0) fault.remaining -= 1;
  if (fault.remaining === 0) context.state.faults = context.state.faults.filter((item) => item !== fault);
};

export type TFaultOutcome = { latencyMs: number; fault?: TFaultRecord };

/**
 * Consumes the faults that apply to one call: every matching latency fault adds up, and the first matching
 * non-latency fault decides the answer (so a standing latency fault does not mask an errcode fault).
 */
export const takeFaults = (context: TSimulatorContext, api: string, body: unknown): TFaultOutcome => {
  let latencyMs = 0;
  for (const fault of context.state.faults.filter((item) => item.mode === "latency" && matches(item, api, body))) {
    latencyMs += fault.latencyMs ?? 1000;
    consume(context, fault);
  }
  const fault = context.state.faults.find((item) => item.mode !== "latency" && matches(item, api, body));
  if (fault) consume(context, fault);
  return { latencyMs, fault };
};
