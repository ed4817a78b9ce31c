import { z } from "zod";
import { listDeliveries } from "@/lib/platform/deliveries/list-deliveries";
import { redeliverDeliveries } from "@/lib/platform/deliveries/redeliver-deliveries";
import { sendTestDelivery } from "@/lib/platform/deliveries/send-test-delivery";
import { createForwardingRule } from "@/lib/platform/forwarding/create-forwarding-rule";
import { deleteForwardingRule } from "@/lib/platform/forwarding/delete-forwarding-rule";
import { getForwardingRule, listForwardingRules } from "@/lib/platform/forwarding/list-forwarding-rules";
import { rotateForwardingSecret } from "@/lib/platform/forwarding/rotate-forwarding-secret";
import { updateForwardingRule } from "@/lib/platform/forwarding/update-forwarding-rule";
import { keyLabel } from "../../plugins/api-key-auth";
import { errors, KEY_ERRORS, ZRuleIdParams } from "../../schemas/common";
import { ZDeliveries, ZDeliveryQuery, ZRedeliverBody, ZRule, ZRuleInput, ZRuleList, ZRuleWithSecret } from "../../schemas/forwarding-rules";
import type { TApiRoutes } from "../../plugins/request-checks";
import { ZComponentAppidParams } from "../../schemas/platforms";
import { platformOfParams, platformScopedPath } from "../platform-scope";

const tags = ["forwarding"];
const ZAnswer = z.looseObject({});

export const forwardingRuleRoutes: TApiRoutes = async (app) => {
  // GET /api/v1/forwarding-rules - every rule (never a secret)
  app.get(
    "/api/v1/forwarding-rules",
    {
      config: { role: "operator" },
      schema: { tags, summary: "List forwarding rules", response: { 200: ZRuleList, ...errors(...KEY_ERRORS) } },
    },
    async () => ({ items: await listForwardingRules() }),
  );

  // POST /api/v1/forwarding-rules - 201 { id, secret, … } (the secret only now)
  app.post(
    "/api/v1/forwarding-rules",
    {
      config: { role: "admin" },
      schema: {
        tags,
        summary: "Create a forwarding rule",
        description: "Answers the rule with its signing secret, which is never shown again.",
        body: ZRuleInput,
        response: { 201: ZRuleWithSecret, ...errors(...KEY_ERRORS) },
      },
    },
    async ({ body, apiKey }, reply) => reply.code(201).send(await createForwardingRule({ input: body, actor: keyLabel(apiKey) })),
  );

  // GET /api/v1/platforms/:componentAppid/forwarding-rules - the rules that forward this platform's events
  app.get(
    platformScopedPath("/api/v1/forwarding-rules"),
    {
      config: { role: "operator" },
      schema: {
        tags,
        summary: "List the forwarding rules of one platform",
        description: "Rules for every platform and rules naming this one.",
        params: ZComponentAppidParams,
        response: { 200: ZRuleList, ...errors(...KEY_ERRORS, 404) },
      },
    },
    async ({ params }) => {
      const { componentAppid } = await platformOfParams(params);
      return { items: (await listForwardingRules()).filter((rule) => !rule.platforms || rule.platforms.includes(componentAppid)) };
    },
  );

  // POST /api/v1/platforms/:componentAppid/forwarding-rules - 201: a rule for this platform's events only
  app.post(
    platformScopedPath("/api/v1/forwarding-rules"),
    {
      config: { role: "admin" },
      schema: {
        tags,
        summary: "Create a forwarding rule for one platform",
        description: "As POST /api/v1/forwarding-rules, with platforms set to this one.",
        params: ZComponentAppidParams,
        body: ZRuleInput,
        response: { 201: ZRuleWithSecret, ...errors(...KEY_ERRORS, 404) },
      },
    },
    async ({ params, body, apiKey }, reply) => {
      const { componentAppid } = await platformOfParams(params);
      const input = { ...body, platforms: [componentAppid] };
      return reply.code(201).send(await createForwardingRule({ input, actor: keyLabel(apiKey) }));
    },
  );

  // GET /api/v1/forwarding-rules/:id
  app.get(
    "/api/v1/forwarding-rules/:id",
    {
      config: { role: "operator" },
      schema: { tags, summary: "A forwarding rule", params: ZRuleIdParams, response: { 200: ZRule, ...errors(...KEY_ERRORS, 404) } },
    },
    ({ params }) => getForwardingRule({ id: params.id }),
  );

  // PATCH /api/v1/forwarding-rules/:id - any of { name, url, types, appids, mode, format, enabled }
  app.patch(
    "/api/v1/forwarding-rules/:id",
    {
      config: { role: "admin" },
      schema: {
        tags,
        summary: "Change a forwarding rule",
        params: ZRuleIdParams,
        body: ZRuleInput,
        response: { 200: ZRule, ...errors(...KEY_ERRORS, 404) },
      },
    },
    ({ params, body, apiKey }) => updateForwardingRule({ id: params.id, changes: body, actor: keyLabel(apiKey) }),
  );

  // DELETE /api/v1/forwarding-rules/:id - the rule and its deliveries
  app.delete(
    "/api/v1/forwarding-rules/:id",
    {
      config: { role: "admin" },
      schema: {
        tags,
        summary: "Delete a forwarding rule and its deliveries",
        params: ZRuleIdParams,
        response: { 200: ZAnswer, ...errors(...KEY_ERRORS, 404) },
      },
    },
    ({ params, apiKey }) => deleteForwardingRule({ id: params.id, actor: keyLabel(apiKey) }),
  );

  // GET /api/v1/forwarding-rules/:id/deliveries - the rule's delivery log, newest first
  app.get(
    "/api/v1/forwarding-rules/:id/deliveries",
    {
      config: { role: "operator" },
      schema: {
        tags,
        summary: "A rule's delivery log",
        params: ZRuleIdParams,
        querystring: ZDeliveryQuery,
        response: { 200: ZDeliveries, ...errors(...KEY_ERRORS, 404) },
      },
    },
    ({ params, query }) => listDeliveries({ ruleId: params.id, ...query }),
  );

  // POST /api/v1/forwarding-rules/:id/redeliver - { deliveryId? }: one dead delivery, or all of the rule's dead ones
  app.post(
    "/api/v1/forwarding-rules/:id/redeliver",
    {
      config: { role: "admin" },
      schema: {
        tags,
        summary: "Deliver dead deliveries again",
        params: ZRuleIdParams,
        body: ZRedeliverBody,
        response: { 200: ZAnswer, ...errors(...KEY_ERRORS, 404, 409) },
      },
    },
    ({ params, body, apiKey }) => redeliverDeliveries({ ruleId: params.id, deliveryId: body.deliveryId, actor: keyLabel(apiKey) }),
  );

  // POST /api/v1/forwarding-rules/:id/rotate-secret - a new signing secret, answered once
  app.post(
    "/api/v1/forwarding-rules/:id/rotate-secret",
    {
      config: { role: "admin" },
      schema: {
        tags,
        summary: "Rotate a rule's signing secret",
        params: ZRuleIdParams,
        response: { 200: ZAnswer, ...errors(...KEY_ERRORS, 404) },
      },
    },
    ({ params, apiKey }) => rotateForwardingSecret({ id: params.id, actor: keyLabel(apiKey) }),
  );

  // POST /api/v1/forwarding-rules/:id/test - a wxopen.test delivery; answers it after its first attempt (at most 12 s)
  app.post(
    "/api/v1/forwarding-rules/:id/test",
    {
      config: { role: "admin" },
      schema: { tags, summary: "Send a test delivery", params: ZRuleIdParams, response: { 200: ZAnswer, ...errors(...KEY_ERRORS, 404) } },
    },
    ({ params, apiKey }) => sendTestDelivery({ ruleId: params.id, actor: keyLabel(apiKey) }),
  );
};
