import type { TForwardEvent } from "./match-rules";
import { componentAppidOfKey, DEFAULT_PLATFORM_KEY } from "../platforms/platform-key";

// One body per event, however many rules it goes to. A JSON envelope names the delivery in its first field
// ({ id, type, appid, componentAppid, occurredAt, data }), so it is stored without that field and each delivery's id goes in front
// when it is sent: the same bytes JSON.stringify of the whole envelope gives, on every attempt.

export type TStoredBody = { content: string; isEnvelope: boolean; contentType: string };

/** The JSON envelope of an event, without its leading `id` (the delivery's own). */
export const envelopeBody = (event: TForwardEvent): TStoredBody => ({
  content: JSON.stringify({
    type: event.type,
    appid: event.appid,
    componentAppid: componentAppidOfKey(event.platformKey ?? DEFAULT_PLATFORM_KEY),
    occurredAt: event.occurredAt.toISOString(),
    data: event.data,
  }),
  isEnvelope: true,
  contentType: "application/json",
});

/** An xml rule gets the message XML exactly as WeChat sent it. */
export const xmlBody = (xml: string): TStoredBody => ({ content: xml, isEnvelope: false, contentType: "application/xml" });

/** The exact body one delivery sends: an envelope gets `"id":"<publicId>"` as its first field; any other body goes as stored. */
export const bodyToSend = ({ content, isEnvelope }: Pick<TStoredBody, "content" | "isEnvelope">, publicId: string) =>
  isEnvelope ? `{"id":${JSON.stringify(publicId)},${content.slice(1)}` : content;
