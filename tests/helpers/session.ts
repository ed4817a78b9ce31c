// Dashboard sessions for integration tests: sign in through next-auth's credentials callback, as a browser would.

export const TEST_ADMIN = { email: "admin@example.com", password: "admin-password-123" };

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);

/**
 * Answers the Cookie header of the new session, or the sign-in error code (e.g. CredentialsSignin). `code`: the
 * second factor's code (or a recovery code), for a user who has one.
 */
export const signIn = async (appUrl: string, email: string, password: string, headers: Record<string, string> = {}, code?: string) => {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, ...(code === undefined ? {} : { code }), json: "true" }),
  });
  const { url } = (await response.json()) as { url: string };
  const error = new URL(url).searchParams.get("error");
  return { error, cookie: [...jar, ...cookiesOf(response)].join("; ") };
};
