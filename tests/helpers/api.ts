// A JSON call to an app instance's /api/v1 with an API key, as a service makes it: the status, the body as text, and
// the body parsed (null when empty).

export type TApiCall = { method?: string; body?: unknown; key: string };

export const callApi = async (baseUrl: string, path: string, { method = "GET", body, key }: TApiCall) => {
  const answer = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  return { status: answer.status, text, json: text ? JSON.parse(text) : null };
};
