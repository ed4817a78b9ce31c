import { getDb } from "../../db";

/** Every dashboard user for the Settings page (never the password hash). */
export const listUsers = () =>
  getDb().user.findMany({
    orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      createdAt: true,
      lastLoginAt: true,
      secondFactor: { select: { enabledAt: true } },
    },
  });

export type TUserListItem = Awaited<ReturnType<typeof listUsers>>[number];
