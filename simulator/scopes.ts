import type { TAccountKind } from "./accounts";

/** Display names for permission sets (protocol reference §5); unknown ids still work, named by number. */
export const SCOPE_NAMES: Record<number, string> = {
  1: "消息管理权限",
  2: "用户管理权限",
  3: "帐号服务权限",
  4: "网页服务权限",
  5: "微信小店权限",
  6: "微信多客服权限",
  7: "群发与通知权限",
  8: "微信卡券权限",
  9: "微信扫一扫权限",
  10: "微信连WIFI权限",
  11: "素材管理权限",
  12: "微信摇周边权限",
  13: "微信门店权限",
  14: "微信支付权限",
  15: "自定义菜单权限",
  16: "获取认证状态及信息",
  17: "帐号管理权限（小程序）",
  18: "开发管理与数据分析权限（小程序）",
  19: "客服消息管理权限（小程序）",
  20: "微信登录权限（小程序）",
  21: "数据分析权限（小程序）",
  22: "城市服务接口权限",
  23: "广告管理权限",
  24: "开放平台帐号管理权限",
  25: "开放平台帐号管理权限（小程序）",
  26: "微信电子发票权限",
  27: "快速注册小程序权限",
  30: "小程序基本信息设置",
  31: "小程序认证权限",
  33: "小程序管理权限",
  36: "微信卡路里管理",
  37: "附近的小程序管理",
  40: "小程序插件管理",
  41: "好物圈管理",
};

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

/** The sets an account of each kind can grant; the simulated platform has all of them released. */
export const SCOPES_BY_KIND: Record<TAccountKind, number[]> = {
  official_account: [...range(1, 16), 22, 23, 24, 26, 27, 33],
  mini_program: [...range(17, 21), 25, 30, 31, 36, 37, 40, 41],
};

export const scopeName = (id: number) => SCOPE_NAMES[id] ?? `权限集 ${id}`;

/** Parses category_id_list ("17|18|19"); undefined when absent, meaning "every released set". */
export const parseCategoryIdList = (value: string | null | undefined): number[] | undefined => {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  return [...new Set(value.split("|").map((part) => Number(part.trim())))].filter((id) => Number.isInteger(id) && id > 0);
};

/** What the page offers an account: the requested sets that fit its kind. */
export const offeredScopes = (kind: TAccountKind, requested: number[] | undefined) => {
  const fitting = SCOPES_BY_KIND[kind];
  return requested ? fitting.filter((id) => requested.includes(id)) : [...fitting];
};
