import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { appEnv, eventually, startApp, type TTestApp } from "../helpers/app";
import { runCli } from "../helpers/cli";
import { signIn, TEST_ADMIN } from "../helpers/session";
import { startStack, type TStack } from "../helpers/stack";
import { startReceiver, type TReceiver } from "../../simulator/receiver";

// DATA_ENCRYPTION_KEY rotated without downtime and without losing a token: every instance restarts with
// DATA_ENCRYPTION_KEYS=new,old, `npm run cli -- keys rotate` re-encrypts while tokens are being served, and then
// an instance with the new key alone still serves every token.

const ACCOUNTS = 40;
let stack: TStack;
const apps: TTestApp[] = [];
let operatorKey: string;
let appids: string[];
/** The admin's second factor (its secret is encrypted like the tokens). */
let secondFactorSecret: string;
/** A rule whose receiver fails at first: its delivery (the rule's secret, the body, the answer kept) waits through the rotation. */
let receiver: TReceiver;
let ruleId: string;
const db = () => stack.database.db;
const keyId = (base64: string) => createHash("sha256").update(Buffer.from(base64, "base64")).digest("hex").slice(0, 8);

const serveAll = async (app: TTestApp) =>
  Promise.all(
    appids.map(async (appid) => {
      const response = await fetch(`${app.url}/api/v1/authorizers/${appid}/access-token`, {
        headers: { authorization: `Bearer ${operatorKey}` },
      });
      const body = (await response.json()) as { accessToken?: string };
      return { status: response.status, hash: body.accessToken ? createHash("sha256").update(body.accessToken).digest("hex") : null };
    }),
  );

/** Every encrypted value in the database, with where it is. */
const storedSecrets = async () => [
  ...(await db().authorizer.findMany()).flatMap((row) =>
    [row.accessToken, row.refreshToken].filter((value): value is string => Boolean(value)),
  ),
  ...(await db().componentToken.findMany()).map((row) => row.accessToken),
  ...(await db().verifyTicket.findMany()).map((row) => row.ticket),
  ...(await db().secondFactor.findMany()).map((row) => row.secret),
  ...(await db().forwardingRule.findMany()).map((row) => row.secret),
  ...(await db().deliveryBody.findMany()).map((row) => row.content),
  ...(await db().delivery.findMany()).flatMap((row) => (row.lastResponse ? [row.lastResponse] : [])),
  ...(await db().platform.findMany()).flatMap((row) => [row.appsecret, row.token, row.encodingAesKey]),
];

before(async () => {
  stack = await startStack({ simulator: { dailyQuota: 100_000 } });
  stack.shareEnvironment({ LOG_LEVEL: "error" });
  const { createApiKey } = await import("../../lib/auth/api-keys");
  operatorKey = (await createApiKey({ name: "rotation", role: "admin" })).key;
  const { startSecondFactorSetup } = await import("../../lib/platform/users/start-second-factor-setup");
  const { confirmSecondFactorSetup } = await import("../../lib/platform/users/confirm-second-factor-setup");
  const { totpCode } = await import("../../lib/auth/totp");
  const admin = await db().user.findUniqueOrThrow({ where: { email: TEST_ADMIN.email } });
  secondFactorSecret = (await startSecondFactorSetup({ userId: admin.id })).secret;
  await confirmSecondFactorSetup({ userId: admin.id, code: totpCode({ secret: secondFactorSecret, at: new Date() }) });
  await stack.ready();
  receiver = await startReceiver();
  receiver.mode = { kind: "fail", status: 503 };
  const { createForwardingRule } = await import("../../lib/platform/forwarding/create-forwarding-rule");
  const rule = await createForwardingRule({ input: { name: "rotation", url: receiver.url, types: ["wxopen.rotation"] }, actor: "test" });
  receiver.secrets.push(rule.secret);
  ruleId = rule.id;
  const { enqueueDeliveries } = await import("../../lib/platform/forwarding/enqueue-deliveries");
  await db().$transaction((transaction) =>
    enqueueDeliveries(transaction, [
      { type: "wxopen.rotation", appid: null, occurredAt: new Date(), data: { note: "kept through the rotation" } },
    ]),
  );
  // The app's worker tries once and keeps the receiver's (encrypted) answer.
  await eventually(
    async () => ((await db().delivery.findFirst({ where: { ruleId, lastResponse: { not: null } } })) ? true : undefined),
    "the first attempt failed and its answer was kept",
  );
  // No retry while the keys change (it would write a new answer under the new key): it waits until the test lets it go.
  await db().delivery.updateMany({ where: { ruleId }, data: { nextAttemptAt: new Date(Date.now() + 3_600_000) } });
  // An added platform: its three secrets are encrypted like the tokens.
  const { createPlatform } = await import("../../lib/platform/component/manage-platforms");
  await createPlatform({
    input: {
      name: "rotation",
      componentAppid: "wx00000000000000e0",
      componentAppsecret: "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0",
      token: "rotationToken",
      encodingAesKey: "EEEEEEEEEEeeeeeeeeee0123456789ABCDEFGHIJKLM",
    },
    actor: "test",
  });
  appids = stack.simulator.addAccounts(ACCOUNTS, { authorize: true }).map((account) => account.appid);
  const imported = await fetch(`${stack.app.url}/api/v1/authorizers/import`, {
    method: "POST",
    headers: { authorization: `Bearer ${operatorKey}` },
  });
  assert.equal(imported.status, 200, await imported.text());
});

after(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await stack?.stop();
  await receiver?.stop();
});

describe("[SECRETS][ROTATION] npm run cli -- keys rotate", () => {
  it("re-encrypts every secret under the new key while tokens are served, and the old key can then go", async () => {
    const oldKey = stack.env.DATA_ENCRYPTION_KEY;
    const newKey = randomBytes(32).toString("base64");
    const before = await serveAll(stack.app);
    assert.ok(before.every((answer) => answer.status === 200));
    assert.ok((await storedSecrets()).every((value) => value.startsWith(`v2.${keyId(oldKey)}.`)));

    // Step 1: every instance restarts with the new key first and the old one after.
    const keyring = { DATA_ENCRYPTION_KEY: "", DATA_ENCRYPTION_KEYS: `${newKey},${oldKey}` };
    await stack.app.stop();
    const rolling = await startApp({ databaseUrl: stack.database.url, simulatorUrl: stack.simulator.url, env: keyring });
    apps.push(rolling);

    // Step 2: rotate while callers keep asking for tokens.
    const cliEnv = appEnv({ databaseUrl: stack.database.url, simulatorUrl: stack.simulator.url, port: 1, env: keyring });
    const rotation = runCli(cliEnv, "keys", "rotate");
    let isRotating = true;
    void rotation.then(() => (isRotating = false));
    const during: number[] = [];
    while (isRotating) during.push(...(await serveAll(rolling)).map((answer) => answer.status));
    const { status, stdout, stderr } = await rotation;
    assert.equal(status, 0, stderr);
    assert.match(stdout, new RegExp(`Authorizer.refreshToken: ${ACCOUNTS} re-encrypted`));
    assert.match(stdout, /SecondFactor\.secret: 1 re-encrypted/);
    assert.match(stdout, /ForwardingRule\.secret: 1 re-encrypted/);
    assert.match(stdout, /DeliveryBody\.content: 1 re-encrypted/);
    assert.match(stdout, /Delivery\.lastResponse: 1 re-encrypted/);
    assert.match(stdout, /Platform\.appsecret: 1 re-encrypted/);
    assert.match(stdout, /Platform\.encodingAesKey: 1 re-encrypted/);
    assert.match(stdout, new RegExp(`under key ${keyId(newKey)}`));
    assert.match(stderr, /Authorizer\.refreshToken\s+\[#+\]/, "progress is drawn");
    assert.ok(during.length >= ACCOUNTS && during.every((answer) => answer === 200), `every call answered during the rotation: ${during}`);
    assert.ok(
      (await storedSecrets()).every((value) => value.startsWith(`v2.${keyId(newKey)}.`)),
      "nothing left under the old key",
    );

    // A second run finds nothing to do (it is resumable: a stopped run picks up what is left).
    const again = await runCli(cliEnv, "keys", "rotate");
    assert.match(again.stdout, /Authorizer\.refreshToken: 0 re-encrypted/);

    // Step 3: the old key leaves; every token is still served, unchanged.
    const newOnly = await startApp({
      databaseUrl: stack.database.url,
      simulatorUrl: stack.simulator.url,
      env: { DATA_ENCRYPTION_KEY: "", DATA_ENCRYPTION_KEYS: newKey },
    });
    apps.push(newOnly);
    assert.deepEqual(await serveAll(newOnly), before);
    // The admin's second factor still opens: its secret was re-encrypted, not lost.
    const { totpCode } = await import("../../lib/auth/totp");
    const code = totpCode({ secret: secondFactorSecret, at: new Date(Date.now() + 30_000) });
    assert.equal((await signIn(newOnly.url, TEST_ADMIN.email, TEST_ADMIN.password, {}, code)).error, null);
    // The queued delivery goes out from the instance with the new key alone: its body and its rule's secret were
    // re-encrypted, not lost.
    await rolling.stop();
    receiver.mode = { kind: "ok" };
    await db().delivery.updateMany({ where: { ruleId }, data: { nextAttemptAt: new Date() } });
    const delivered = await eventually(
      () => receiver.received.find((item) => item.answeredStatus === 200),
      "the delivery went out after the rotation",
    );
    assert.ok(delivered.signatureOk, "signed with the rule's secret");
    assert.equal((JSON.parse(delivered.body) as { data: { note: string } }).data.note, "kept through the rotation");
  });
});
