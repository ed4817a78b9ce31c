"use server";

import { revalidatePath } from "next/cache";
import { actorLabel, requireAdmin } from "@/lib/auth/session";
import { redeliverDeliveries } from "@/lib/platform/deliveries/redeliver-deliveries";
import { sendTestDelivery } from "@/lib/platform/deliveries/send-test-delivery";
import { createForwardingRule } from "@/lib/platform/forwarding/create-forwarding-rule";
import { deleteForwardingRule } from "@/lib/platform/forwarding/delete-forwarding-rule";
import { rotateForwardingSecret } from "@/lib/platform/forwarding/rotate-forwarding-secret";
import { updateForwardingRule } from "@/lib/platform/forwarding/update-forwarding-rule";
import type { TActionState } from "./action-state";
import { runAction } from "./run-action";
import { formText } from "@/lib/http/nul-text";

// Server actions of the Forwarding page: admins only (operators read the page).

const list = (form: FormData, name: string) =>
  formText(form, name)
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);

const done = () => revalidatePath("/forwarding");

export type TRuleSecret = { name: string; secret: string };

export const createForwardingRuleAction = async (
  _previous: TActionState<TRuleSecret>,
  form: FormData,
): Promise<TActionState<TRuleSecret>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const appids = list(form, "appids");
    const platforms = form.getAll("platforms").map(String);
    const rule = await createForwardingRule({
      input: {
        name: formText(form, "name"),
        url: formText(form, "url"),
        types: list(form, "types"),
        appids: appids.length ? appids : null,
        platforms: platforms.length ? platforms : null,
        mode: formText(form, "mode", "async"),
        format: formText(form, "format", "json"),
      },
      actor: actorLabel(admin),
    });
    done();
    return { name: rule.name, secret: rule.secret };
  });

export const rotateForwardingSecretAction = async (
  _previous: TActionState<TRuleSecret>,
  form: FormData,
): Promise<TActionState<TRuleSecret>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const rule = await rotateForwardingSecret({ id: formText(form, "id"), actor: actorLabel(admin) });
    done();
    return { name: rule.name, secret: rule.secret };
  });

export const setForwardingRuleEnabledAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    await updateForwardingRule({
      id: formText(form, "id"),
      changes: { enabled: form.get("enabled") === "true" },
      actor: actorLabel(admin),
    });
    done();
    return {};
  });

export const deleteForwardingRuleAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    await deleteForwardingRule({ id: formText(form, "id"), actor: actorLabel(admin) });
    done();
    return {};
  });

/** What the test delivery did, as data: the button words it in the reader's language. */
export type TTestOutcome = {
  deliveryStatus: string;
  attempts: number;
  lastStatus: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
};

export const sendTestDeliveryAction = async (_previous: TActionState<TTestOutcome>, form: FormData): Promise<TActionState<TTestOutcome>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const delivery = await sendTestDelivery({ ruleId: formText(form, "id"), actor: actorLabel(admin) });
    done();
    const { status, attempts, lastStatus, lastLatencyMs, lastError, nextAttemptAt } = delivery;
    return { deliveryStatus: status, attempts, lastStatus, lastLatencyMs, lastError, nextAttemptAt: nextAttemptAt?.toISOString() ?? null };
  });

export const redeliverDeadAction = async (_previous: TActionState<object>, form: FormData): Promise<TActionState<object>> =>
  runAction(async () => {
    const admin = await requireAdmin();
    const deliveryId = Number(form.get("deliveryId") ?? 0) || undefined;
    await redeliverDeliveries({ ruleId: formText(form, "ruleId"), deliveryId, actor: actorLabel(admin) });
    done();
    return {};
  });
