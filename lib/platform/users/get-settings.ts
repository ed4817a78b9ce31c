import { listApiKeys } from "../../auth/api-keys";
import { listLoginLocks } from "../../auth/login-throttle";
import { listUsers } from "./list-users";

/** What the Settings page shows: users, locked sign-ins and API keys (never password or key hashes). */
export const getSettings = async () => {
  const [users, apiKeys, loginLocks] = await Promise.all([listUsers(), listApiKeys(), listLoginLocks()]);
  return { users, apiKeys, loginLocks };
};
