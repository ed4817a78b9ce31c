"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import { Alert } from "../ui/alert";
import { buttonStyles, inputStyles, labelStyles } from "../ui/styles";

type TLoginWords = TDictionary["login"];

/** The message for a next-auth error code (lib/auth/sign-in-with-password.ts SIGN_IN_ERRORS). */
export const signInErrorMessage = (code: string, words: TLoginWords) => {
  const [name, minutes] = code.split(":");
  if (name === "LoginLocked") return fill(words.locked, { minutes: minutes ?? "15" });
  if (name === "AccountDisabled") return words.disabled;
  if (name === "CredentialsSignin") return words.wrongPassword;
  if (name === "SessionEnded") return words.sessionExpired;
  return words.failed;
};

export function LoginForm({ words, initialError, callbackUrl }: { words: TLoginWords; initialError?: string; callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState(initialError ? signInErrorMessage(initialError, words) : "");
  const [isPending, setPending] = useState(false);

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) return setError(words.required);
    setPending(true);
    setError("");
    const result = await signIn("credentials", { email, password, redirect: false });
    if (!result || result.error) {
      setPending(false);
      setError(signInErrorMessage(result?.error ?? "", words));
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {error && (
        <Alert tone="danger" role="alert">
          {error}
        </Alert>
      )}
      <div className="space-y-1.5">
        <label htmlFor="email" className={labelStyles}>
          {words.email}
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus className={inputStyles} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="password" className={labelStyles}>
          {words.password}
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputStyles} />
      </div>
      <button type="submit" disabled={isPending} className={`${buttonStyles.primary} w-full`}>
        {isPending ? words.submitting : words.submit}
      </button>
    </form>
  );
}
