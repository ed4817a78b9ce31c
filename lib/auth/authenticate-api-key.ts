import { AppError } from "../errors";
import { hasRole, verifyApiKey, type TApiKeyRole, type TVerifiedApiKey } from "./api-keys";

/** The key a request presented (its bearer credential), checked for life and for `role`: a 401 or 403 otherwise. */
export const authenticateApiKey = async (presented: string | null, role: TApiKeyRole): Promise<TVerifiedApiKey> => {
  if (!presented) throw new AppError("unauthorized", "Send an API key in the Authorization header: Authorization: Bearer wxo_…");
  const apiKey = await verifyApiKey(presented);
  if (!apiKey)
    throw new AppError(
      "unauthorized",
      "This API key is not valid: it is unknown or has been revoked. Create a new one on the settings page.",
    );
  if (!hasRole(apiKey.role, role))
    throw new AppError("forbidden", `This route needs an ${role} key; "${apiKey.name}" is a ${apiKey.role} key.`);
  return apiKey;
};
