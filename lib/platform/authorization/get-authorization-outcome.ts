import { getDb } from "../../db";
import { scopeName } from "../../wechat/scopes";
import { authorizerWhere } from "../platforms/authorizer-ref";

/** What the success page shows: the account an invitation was used for, its name, avatar and granted scopes. Undefined until it is used. */
export const getAuthorizationOutcome = async ({ token }: { token: string }) => {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
  const link = await getDb().authorizationLink.findUnique({
    where: { token },
    select: { platformKey: true, authorizerAppid: true, usedAt: true },
  });
  if (!link?.usedAt || !link.authorizerAppid) return undefined;
  const authorizer = await getDb().authorizer.findUnique({
    where: authorizerWhere({ platformKey: link.platformKey, appid: link.authorizerAppid }),
    select: {
      appid: true,
      kind: true,
      nickName: true,
      headImg: true,
      principalName: true,
      scopes: { select: { scopeId: true }, orderBy: { scopeId: "asc" } },
    },
  });
  if (!authorizer) return undefined;
  return {
    appid: authorizer.appid,
    kind: authorizer.kind,
    nickName: authorizer.nickName,
    headImg: authorizer.headImg,
    principalName: authorizer.principalName,
    authorizedAt: link.usedAt,
    scopes: authorizer.scopes.map(({ scopeId }) => ({ id: scopeId, zh: scopeName(scopeId, "zh"), en: scopeName(scopeId, "en") })),
  };
};
