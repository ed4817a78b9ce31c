import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PasswordPolicyError } from "@/lib/auth/password-policy";
import { AppError } from "@/lib/errors";
import { toAppError } from "@/lib/http/error-response";
import { fill } from "@/lib/i18n/dictionaries";
import { getLocale } from "@/lib/i18n/get-locale";

// What a dashboard server action answers to its form: the result, or a message a person can act on.
export type TActionState<T> = { status: "idle" } | { status: "error"; message: string } | ({ status: "done" } & T);

export const IDLE = { status: "idle" } as const;

/** Runs an action body; an AppError's message reaches the form, anything else is logged and answered generically. */
/** `status` is the action's own word ("done" / "error"): a result may not carry a field of that name. */
export const runAction = async <T extends object & { status?: never }>(body: () => Promise<T>): Promise<TActionState<T>> => {
  try {
    return { ...(await body()), status: "done" };
  } catch (error) {
    // redirect() and notFound() work by throwing: let them through.
    if (error && typeof error === "object" && "digest" in error && String((error as { digest: unknown }).digest).startsWith("NEXT_"))
      throw error;
    return { status: "error", message: toAppError(error).message };
  }
};

/** runAction for a form that sets a password: the password policy's refusal is answered in the reader's language. */
export const runPasswordAction = async <T extends object & { status?: never }>(body: () => Promise<T>): Promise<TActionState<T>> => {
  const { t } = await getLocale();
  return runAction(async () => {
    try {
      return await body();
    } catch (error) {
      if (!(error instanceof PasswordPolicyError)) throw error;
      throw new AppError("bad_request", fill(t.password.problems[error.problem], { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }));
    }
  });
};
