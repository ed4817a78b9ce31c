import { sealComponentPush } from "../lib/wechat/push";
import { MAX_DELIVERIES, pushCapped, sleep, type TDelivery, type TSimulatorContext } from "./context";
import { takeFaults } from "./faults";
import { primaryPlatform, type TSimulatorPlatform } from "./platforms";

export type TPushMessage = Record<string, string | number>;

const BODY_PREVIEW = 200;

const snapshot = (delivery: TDelivery): TDelivery => ({ ...delivery, message: { ...delivery.message } });

type TAttempt = { ok: boolean; status: number | null; body: string };

const attemptOnce = async (context: TSimulatorContext, url: string, body: string): Promise<TAttempt> => {
  const { latencyMs, fault } = takeFaults(context, "push", undefined);
  await sleep(latencyMs, context.shutdown.signal);
  if (fault?.mode === "drop") return { ok: false, status: null, body: "dropped by a simulator fault" };
  try {
    const timeout = AbortSignal.timeout(context.config.pushTimeoutMs);
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body,
      signal: AbortSignal.any([timeout, context.shutdown.signal]),
    });
    const text = await response.text();
    // WeChat only counts the literal body "success" (or an empty one for OA messages; not for component events).
    return { ok: response.status === 200 && text === "success", status: response.status, body: text.slice(0, BODY_PREVIEW) };
  } catch (error) {
    // fetch hides the useful part (ECONNREFUSED, a timeout) in `cause`.
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
    const reason = error instanceof Error ? `${error.name}: ${error.message}${cause}` : String(error);
    return { ok: false, status: null, body: reason.slice(0, BODY_PREVIEW) };
  }
};

/**
 * Seals a message like WeChat does and POSTs it to notifyUrl, retrying up to pushAttempts times.
 * The delivery is listed at once (isPending) and settles when the last attempt ends.
 */
export const deliverPush = async (
  context: TSimulatorContext,
  message: TPushMessage,
  platform: TSimulatorPlatform = primaryPlatform(context),
): Promise<TDelivery> => {
  const { config, clock } = context;
  const full: TPushMessage = { AppId: platform.componentAppid, CreateTime: clock.nowSeconds(), ...message };
  const sealed = sealComponentPush(full, platform, { timestamp: String(clock.nowSeconds()) });
  const url = new URL(platform.notifyUrl);
  for (const [key, value] of Object.entries(sealed.query)) url.searchParams.set(key, value);
  const delivery: TDelivery = {
    id: context.state.nextDeliveryId++,
    at: new Date(clock.nowMs()).toISOString(),
    infoType: String(full.InfoType ?? ""),
    authorizerAppid: typeof full.AuthorizerAppid === "string" ? full.AuthorizerAppid : undefined,
    url: platform.notifyUrl,
    attempts: 0,
    ok: false,
    isPending: true,
    status: null,
    body: "",
    message: full,
  };
  pushCapped(context.state.deliveries, delivery, MAX_DELIVERIES);
  while (delivery.attempts < config.pushAttempts && !context.shutdown.signal.aborted) {
    if (delivery.attempts > 0) await sleep(config.pushRetryDelayMs, context.shutdown.signal);
    delivery.attempts += 1;
    const attempt = await attemptOnce(context, url.toString(), sealed.body);
    Object.assign(delivery, attempt);
    if (attempt.ok) break;
  }
  delivery.isPending = false;
  return snapshot(delivery);
};

export const listDeliveries = (context: TSimulatorContext) => context.state.deliveries.map(snapshot);
