import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { bodyToSend, envelopeBody, xmlBody } from "./delivery-body";

describe("[FORWARDING] a body stored once", () => {
  it("an envelope sent with a delivery's id is byte for byte the envelope JSON.stringify gives with that id first", () => {
    const event = {
      type: "message.text",
      appid: "wx1234567890abcdef",
      platformKey: "wx00000000000000b0",
      occurredAt: new Date("2026-12-02T10:00:00Z"),
      data: { content: 'quote " backslash \\ 中文 \u2028', nested: { list: [1, null, true] } },
    };
    const stored = envelopeBody(event);
    for (const id of [randomUUID(), randomUUID()]) {
      const expected = JSON.stringify({
        id,
        type: event.type,
        appid: event.appid,
        componentAppid: event.platformKey,
        occurredAt: event.occurredAt.toISOString(),
        data: event.data,
      });
      assert.equal(bodyToSend(stored, id), expected);
    }
    assert.equal(stored.contentType, "application/json");
  });

  it("a component event (appid null) and an XML body", () => {
    const event = { type: "component.ticket_stale", appid: null, platformKey: "wx00000000000000b0", occurredAt: new Date(0), data: null };
    assert.deepEqual(JSON.parse(bodyToSend(envelopeBody(event), "d1")), {
      id: "d1",
      type: event.type,
      appid: null,
      componentAppid: "wx00000000000000b0",
      occurredAt: new Date(0).toISOString(),
      data: null,
    });
    const xml = "<xml><MsgType><![CDATA[text]]></MsgType></xml>";
    assert.equal(bodyToSend(xmlBody(xml), "d1"), xml, "sent as stored");
  });
});
