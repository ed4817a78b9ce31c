// Who may do what. Operators see everything and create invitations; only admins force refreshes and manage users and API keys.

export const USER_ROLES = ["admin", "operator"] as const;
export type TUserRole = (typeof USER_ROLES)[number];

export const isUserRole = (value: unknown): value is TUserRole =>
  typeof value === "string" && (USER_ROLES as readonly string[]).includes(value);

export type TSessionUser = {
  id: string;
  email: string;
  name: string;
  role: TUserRole;
  sessionId?: string;
  /** An admin requires a second factor and this user has none: only its setup (and signing out) is open to them. */
  mustSetUpSecondFactor?: boolean;
};
