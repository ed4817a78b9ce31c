import { AppError } from "../../errors";
import { extJsonPlaceholders, fillExtJson } from "./ext-json-template";

export type TExtJsonValues = Record<string, string>;

/** The filled ext_json as WeChat wants it: a string holding one JSON object. 400 naming a missing value or bad JSON. */
export const renderExtJson = (template: string, values: TExtJsonValues): string => {
  const missing = extJsonPlaceholders(template).filter((name) => !Object.hasOwn(values, name));
  if (missing.length > 0)
    throw new AppError("bad_request", `ext_json uses ${missing.map((name) => `{{${name}}}`).join(", ")} but no value was given for it.`);
  let value: unknown;
  try {
    value = JSON.parse(fillExtJson(template, values));
  } catch (error) {
    throw new AppError("bad_request", `ext_json is not valid JSON once filled in: ${(error as Error).message}`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new AppError("bad_request", "ext_json must be one JSON object.");
  return JSON.stringify(value);
};
