import { listApiKeys } from "../../auth/api-keys";
import { listUsers } from "./list-users";

/** What the Settings page shows: users and API keys (never password or key hashes). */
export const getSettings = async () => {
  const [users, apiKeys] = await Promise.all([listUsers(), listApiKeys()]);
  return { users, apiKeys };
};
