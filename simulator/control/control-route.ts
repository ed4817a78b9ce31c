import type { z } from "zod";
import type { TSimulatorContext } from "../context";
import { SimulatorError } from "../errors";
import type { TSimulator } from "../simulator-types";

export type TControlInput = {
  context: TSimulatorContext;
  simulator: TSimulator;
  body: () => Promise<unknown>;
  params: string[];
  url: URL;
  /** The index page's buttons post forms (and are redirected back); scripts send JSON. */
  isForm: boolean;
};

export type TRoute = {
  method: string;
  pattern: RegExp;
  /** JSON unless stated: svg and html handlers return the document as a string. */
  answers?: "svg" | "html";
  /** Where a form post lands on the index page (a section id); the top when absent. */
  section?: string;
  /** The control page a form post returns to, when not the index page (e.g. /__sim/mini-programs). */
  page?: string;
  handle: (input: TControlInput) => Promise<unknown> | unknown;
};

export const parse = <T>(schema: z.ZodType<T>, value: unknown): T => {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new SimulatorError(result.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; "));
  return result.data;
};
