import { createAuthorizationLink } from "../../lib/platform/authorization/create-authorization-link";
import { E2E } from "../fixtures/stack";
import { test as base } from "../fixtures/test";

// Seeds an invitation the way an operator would, by calling createAuthorizationLink in this process against the
// demo stack's database (same credentials and encryption key as the app under test).

export type TInvitation = { id: string; token: string; inviteUrl: string; expiresAt: Date };

// getEnv() and getDb() read the environment on first use, so setting it before the first call is enough.
let isEnvSet = false;

const setAppEnvironment = () => {
  if (isEnvSet) return;
  Object.assign(process.env, E2E.env, { DATABASE_URL: `file:./.tmp/e2e-${E2E.port}.db`, APP_URL: E2E.appUrl });
  isEnvSet = true;
};

export const test = base.extend<{ invitation: TInvitation }>({
  invitation: async ({}, use) => {
    setAppEnvironment();
    await use(
      await createAuthorizationLink({ authType: 1, categoryIds: [1, 2, 3], createdBy: { userId: null, label: "e2e merchant test" } }),
    );
  },
});

export { expect } from "../fixtures/test";
