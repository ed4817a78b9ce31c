import { AppError } from "../../errors";
import { explainCodeError } from "../../wechat/code-errors";
import { callBinaryThroughProxy, callJsonThroughProxy, type TProxiedCall } from "../proxy/call-through-proxy";

// Code-management calls through the proxy, with WeChat's refusals explained: the caller's input is a 400, the
// account's or the review's state and the monthly allowances a 409, each with what to do; the errcode is kept.

const STATUS_OF_KIND = { input: "bad_request", state: "conflict", quota: "conflict", retry: "conflict" } as const;

/** A WeChat refusal in words a person can act on (English; the dashboard shows its own language from the errcode). */
export const explainRefusal = (error: unknown): unknown => {
  const errcode = error instanceof AppError ? error.details?.errcode : undefined;
  if (typeof errcode !== "number") return error;
  const explanation = explainCodeError(errcode);
  if (!explanation) return error;
  return new AppError(STATUS_OF_KIND[explanation.kind], `WeChat refused (${errcode}): ${explanation.en}`, {
    errcode,
    kind: explanation.kind,
  });
};

export const callCodeApi = (call: TProxiedCall) =>
  callJsonThroughProxy(call).catch((error: unknown) => {
    throw explainRefusal(error);
  });

export const callCodeImage = (call: TProxiedCall) =>
  callBinaryThroughProxy(call).catch((error: unknown) => {
    throw explainRefusal(error);
  });
