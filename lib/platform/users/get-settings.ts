import { listApiKeys } from "../../auth/api-keys";
import { listLoginLocks } from "../../auth/login-throttle";
import { isSecondFactorRequired } from "../../auth/second-factor";
import { listUsers } from "./list-users";

/** What the Settings page shows: users, locked sign-ins, API keys and the console's settings (never a hash or secret). */
export const getSettings = async () => {
  const [users, apiKeys, loginLocks, requireSecondFactor] = await Promise.all([
    listUsers(),
    listApiKeys(),
    listLoginLocks(),
    isSecondFactorRequired(),
  ]);
  return { users, apiKeys, loginLocks, requireSecondFactor };
};
