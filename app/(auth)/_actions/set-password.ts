"use server";

import { redirect } from "next/navigation";
import { setPasswordWithLink } from "@/lib/platform/users/set-password-with-link";
import type { TActionState } from "../../(admin)/_actions/action-state";
import { runPasswordAction } from "../../(admin)/_actions/run-password-action";
import { formText } from "@/lib/http/nul-text";

// Server action: set a password through a one-time link (no session: the link is the proof), then sign in.
export const setPasswordAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> => {
  const result = await runPasswordAction(async () => {
    await setPasswordWithLink({
      token: formText(form, "token"),
      password: String(form.get("password") ?? ""),
      confirmation: String(form.get("confirmation") ?? ""),
    });
    return {};
  });
  if (result.status === "done") redirect("/login?passwordSet=1");
  return result;
};
