import { toAppError } from "@/lib/http/error-response";
import type { TActionState } from "./action-state";

/** Runs an action body; an AppError's message reaches the form, anything else is logged and answered generically. */
/** `status` is the action's own word ("done" / "error"): a result may not carry a field of that name. */
export const runAction = async <T extends object & { status?: never }>(body: () => Promise<T>): Promise<TActionState<T>> => {
  try {
    return { ...(await body()), status: "done" };
  } catch (error) {
    // redirect() and notFound() work by throwing: let them through.
    if (error && typeof error === "object" && "digest" in error && String((error as { digest: unknown }).digest).startsWith("NEXT_"))
      throw error;
    const appError = toAppError(error);
    const errcode = appError.details?.errcode;
    // WeChat's errcode lets a form explain the refusal in the reader's language (lib/wechat/code-errors.ts).
    return { status: "error", message: appError.message, ...(typeof errcode === "number" ? { errcode } : {}) };
  }
};
