// funcscope_category ids (权限集) with WeChat's own names, from the protocol reference §5. Unknown ids are shown
// by number: WeChat keeps adding sets.

export type TAccountKind = "official_account" | "mini_program";

type TScope = { zh: string; en: string; appliesTo: TAccountKind };

const OA: TAccountKind = "official_account";
const MP: TAccountKind = "mini_program";

export const SCOPES: Record<number, TScope> = {
  1: { zh: "消息管理权限", en: "Message management", appliesTo: OA },
  2: { zh: "用户管理权限", en: "User management", appliesTo: OA },
  3: { zh: "帐号服务权限", en: "Account services", appliesTo: OA },
  4: { zh: "网页服务权限", en: "Web services", appliesTo: OA },
  5: { zh: "微信小店权限", en: "WeChat Store", appliesTo: OA },
  6: { zh: "微信多客服权限", en: "Multi-agent customer service", appliesTo: OA },
  7: { zh: "群发与通知权限", en: "Broadcasts and notifications", appliesTo: OA },
  8: { zh: "微信卡券权限", en: "Cards and coupons", appliesTo: OA },
  9: { zh: "微信扫一扫权限", en: "Scan", appliesTo: OA },
  10: { zh: "微信连WIFI权限", en: "WeChat Wi-Fi", appliesTo: OA },
  11: { zh: "素材管理权限", en: "Material management", appliesTo: OA },
  12: { zh: "微信摇周边权限", en: "Shake nearby", appliesTo: OA },
  13: { zh: "微信门店权限", en: "Stores", appliesTo: OA },
  14: { zh: "微信支付权限", en: "WeChat Pay", appliesTo: OA },
  15: { zh: "自定义菜单权限", en: "Custom menu", appliesTo: OA },
  16: { zh: "获取认证状态及信息", en: "Verification status", appliesTo: OA },
  17: { zh: "帐号管理权限（小程序）", en: "Account management (mini program)", appliesTo: MP },
  18: { zh: "开发管理与数据分析权限（小程序）", en: "Development and data analysis (mini program)", appliesTo: MP },
  19: { zh: "客服消息管理权限（小程序）", en: "Customer service messages (mini program)", appliesTo: MP },
  20: { zh: "微信登录权限（小程序）", en: "WeChat login (mini program)", appliesTo: MP },
  21: { zh: "数据分析权限（小程序）", en: "Data analysis (mini program)", appliesTo: MP },
  22: { zh: "城市服务接口权限", en: "City services", appliesTo: OA },
  23: { zh: "广告管理权限", en: "Advertising", appliesTo: OA },
  24: { zh: "开放平台帐号管理权限", en: "Open Platform account management", appliesTo: OA },
  25: { zh: "开放平台帐号管理权限（小程序）", en: "Open Platform account management (mini program)", appliesTo: MP },
  26: { zh: "微信电子发票权限", en: "Electronic invoices", appliesTo: OA },
  27: { zh: "快速注册小程序权限", en: "Fast mini program registration", appliesTo: OA },
  30: { zh: "小程序基本信息设置", en: "Mini program basic settings", appliesTo: MP },
  31: { zh: "小程序认证权限", en: "Mini program verification", appliesTo: MP },
  33: { zh: "小程序管理权限", en: "Linked mini programs", appliesTo: OA },
  36: { zh: "微信卡路里管理", en: "WeChat calories", appliesTo: MP },
  37: { zh: "附近的小程序管理", en: "Nearby mini programs", appliesTo: MP },
  40: { zh: "小程序插件管理", en: "Mini program plugins", appliesTo: MP },
  41: { zh: "好物圈管理", en: "Good-things circle", appliesTo: MP },
};

export type TLocale = "zh" | "en";

/** The name WeChat gives a permission set, or "权限集 N" / "Permission set N" for ids we have no name for. */
export const scopeName = (id: number, locale: TLocale = "zh") =>
  SCOPES[id]?.[locale] ?? (locale === "zh" ? `权限集 ${id}` : `Permission set ${id}`);

export const scopesWithNames = (ids: number[], locale: TLocale = "zh") => ids.map((id) => ({ id, name: scopeName(id, locale) }));
