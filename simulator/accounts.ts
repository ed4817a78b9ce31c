import { appidFromName, stableHex } from "./random";

export type TAccountKind = "official_account" | "mini_program";

/** A WeChat account that can authorize the platform. Field meanings follow §3.6 and §8 of the reference. */
export type TAccount = {
  appid: string;
  kind: TAccountKind;
  nickName: string;
  /** Original ID, gh_ + 12 hex. */
  userName: string;
  principalName: string;
  alias: string;
  /** OA: 0 subscription, 1 upgraded subscription, 2 service. Mini programs: always 0. */
  serviceTypeId: number;
  /** -1 unverified, 0 WeChat verified. */
  verifyTypeId: number;
  /** 1 normal; 14, 16, 18, 19 are deregistered/banned/warned/frozen and are not listed on the page. */
  accountStatus: number;
  businessInfo: { open_store: number; open_scan: number; open_pay: number; open_card: number; open_shake: number };
  /** Mini programs only from here on. */
  signature?: string;
  categories?: { first: string; second: string }[];
  requestDomains?: string[];
  registerType?: number;
};

type TAccountSeed = Pick<TAccount, "kind" | "nickName" | "principalName"> & Partial<TAccount>;

const NO_BUSINESS = { open_store: 0, open_scan: 0, open_pay: 0, open_card: 0, open_shake: 0 };

/** Fills the derived fields so a seed only states what makes it distinct. */
export const makeAccount = (seed: TAccountSeed): TAccount => {
  const isMiniProgram = seed.kind === "mini_program";
  return {
    appid: appidFromName(seed.nickName),
    userName: `gh_${stableHex(seed.nickName, 12)}`,
    alias: "",
    serviceTypeId: isMiniProgram ? 0 : 2,
    verifyTypeId: 0,
    accountStatus: 1,
    businessInfo: NO_BUSINESS,
    ...(isMiniProgram
      ? {
          signature: `${seed.nickName} 的小程序`,
          categories: [{ first: "商业服务", second: "会展服务" }],
          requestDomains: [],
          registerType: 0,
        }
      : {}),
    ...seed,
  };
};

export const SEED_ACCOUNTS: TAccount[] = [
  makeAccount({
    kind: "official_account",
    nickName: "Demo Coffee 咖啡",
    principalName: "深圳市演示咖啡有限公司",
    alias: "democoffee",
    serviceTypeId: 2,
    verifyTypeId: 0,
    businessInfo: { open_store: 1, open_scan: 0, open_pay: 1, open_card: 1, open_shake: 0 },
  }),
  makeAccount({
    kind: "official_account",
    nickName: "Lotus Books 莲花书店",
    principalName: "杭州莲花文化传媒有限公司",
    alias: "lotusbooks",
    serviceTypeId: 0,
    verifyTypeId: -1,
  }),
  makeAccount({
    kind: "official_account",
    nickName: "Harbor News 港湾资讯",
    principalName: "青岛港湾新闻社",
    serviceTypeId: 1,
    verifyTypeId: 0,
  }),
  makeAccount({
    kind: "mini_program",
    nickName: "Bamboo Mall 竹子商城",
    principalName: "竹子商城科技（上海）有限公司",
    verifyTypeId: 0,
    signature: "竹子商城：新鲜竹制家居好物",
    categories: [{ first: "商家自营", second: "家居家饰" }],
    requestDomains: ["https://api.bamboo-mall.example"],
  }),
  makeAccount({
    kind: "mini_program",
    nickName: "Panda Fitness 熊猫健身",
    principalName: "成都熊猫健身管理有限公司",
    verifyTypeId: -1,
    signature: "约课、打卡、体测，一个小程序搞定",
    categories: [{ first: "体育", second: "体育场馆服务" }],
    registerType: 3,
  }),
];

export type TBulkKind = TAccountKind | "mixed";

/** Deterministic extra accounts: the n-th bulk account always has the same name and appid. */
export const makeBulkAccount = (index: number, kind: TBulkKind): TAccount => {
  const resolvedKind: TAccountKind = kind === "mixed" ? (index % 2 === 0 ? "mini_program" : "official_account") : kind;
  const number = String(index).padStart(4, "0");
  const isMiniProgram = resolvedKind === "mini_program";
  return makeAccount({
    kind: resolvedKind,
    nickName: isMiniProgram ? `Test Shop ${number} 测试小程序` : `Test Account ${number} 测试公众号`,
    principalName: `测试主体${number}有限公司`,
    serviceTypeId: isMiniProgram ? 0 : index % 3,
    verifyTypeId: index % 4 === 0 ? -1 : 0,
  });
};

export const KIND_LABELS: Record<TAccountKind, string> = { official_account: "公众号", mini_program: "小程序" };
