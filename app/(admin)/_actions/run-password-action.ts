import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PasswordPolicyError } from "@/lib/auth/password-policy";
import { AppError } from "@/lib/errors";
import { fill } from "@/lib/i18n/dictionaries";
import { getLocale } from "@/lib/i18n/get-locale";
import type { TActionState } from "./action-state";
import { runAction } from "./run-action";

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
