import { DEFAULT_PLATFORM_KEY } from "./platform-key";

/**
 * One authorization: an account (appid) of one platform (platformKey, "" the default one). An account that authorized
 * two platforms is two authorizations, each with its own tokens, scopes and status.
 */
export type TAuthorizerRef = { platformKey: string; appid: string };

/** The default platform's authorization of an account: what every path without a platform in it means. */
export const defaultAuthorizerRef = (appid: string): TAuthorizerRef => ({ platformKey: DEFAULT_PLATFORM_KEY, appid });

/** Prisma's unique where for one authorization. */
export const authorizerWhere = ({ platformKey, appid }: TAuthorizerRef) => ({ platformKey_appid: { platformKey, appid } });

/** A key naming one authorization in maps, single-flight and lease names: the appid alone for the default platform. */
export const authorizerKey = ({ platformKey, appid }: TAuthorizerRef) =>
  platformKey === DEFAULT_PLATFORM_KEY ? appid : `${platformKey}/${appid}`;
