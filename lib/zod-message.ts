import type { z } from "zod";

/** A zod failure as one sentence a caller can act on: "limit: Too big: expected number to be <=200". */
export const describeZodError = (error: z.ZodError) =>
  error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
