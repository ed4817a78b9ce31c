// The life of an authorizer row: tokens are served only while it is `authorized`.
export const AUTHORIZER_STATUSES = ["authorized", "needs_reauthorization", "unauthorized"] as const;

export type TAuthorizerStatus = (typeof AUTHORIZER_STATUSES)[number];
