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
  if (name === "SecondFactorWrong") return words.wrongCode;
  if (name === "SessionEnded") return words.sessionExpired;
  return words.failed;
};

/** The password was right and the user has a second factor: sign-in goes on with a code (no session until then). */
const CODE_NEEDED = "SecondFactorRequired";

type TCredentials = { email: string; password: string };

/**
 * Email and password, then, for a user with a second factor, the code: the page keeps the two in memory and sends
 * all three again (lib/auth/options.ts), so no session exists before the code is right.
 */
export function LoginForm({ words, initialError, callbackUrl }: { words: TLoginWords; initialError?: string; callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState(initialError && initialError !== CODE_NEEDED ? signInErrorMessage(initialError, words) : "");
  const [isPending, setPending] = useState(false);
  const [credentials, setCredentials] = useState<TCredentials | null>(null);

  const attempt = async (tried: TCredentials, code?: string) => {
    setPending(true);
    setError("");
    const result = await signIn("credentials", { ...tried, ...(code ? { code } : {}), redirect: false });
    if (result && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setPending(false);
    const failure = result?.error ?? "";
    if (failure === CODE_NEEDED) return setCredentials(tried);
    // A wrong password here means it changed meanwhile: back to the first step.
    if (failure === "CredentialsSignin") setCredentials(null);
    setError(signInErrorMessage(failure, words));
  };

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (credentials) {
      const code = String(form.get("code") ?? "").trim();
      if (!code) return setError(words.codeRequired);
      return attempt(credentials, code);
    }
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) return setError(words.required);
    return attempt({ email, password });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {error && (
        <Alert tone="danger" role="alert">
          {error}
        </Alert>
      )}
      {credentials ? (
        <>
          <p className="text-sm text-slate-600">{words.codeTitle}</p>
          <div className="space-y-1.5">
            <label htmlFor="code" className={labelStyles}>
              {words.code}
            </label>
            <input
              id="code"
              name="code"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              spellCheck={false}
              required
              autoFocus
              className={`${inputStyles} font-mono tracking-widest`}
            />
          </div>
          <button type="submit" disabled={isPending} className={`${buttonStyles.primary} w-full`}>
            {isPending ? words.verifying : words.verify}
          </button>
          <button
            type="button"
            onClick={() => {
              setCredentials(null);
              setError("");
            }}
            className="w-full text-center text-xs text-slate-500 hover:text-slate-900"
          >
            {words.startOver}
          </button>
        </>
      ) : (
        <>
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
        </>
      )}
    </form>
  );
}
