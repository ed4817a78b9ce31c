import { getDb, type Prisma } from "../../db";
import type { TAuthorizerRef } from "../platforms/authorizer-ref";
import type { TAuditStatus } from "../../wechat/mini-program-code";

// The stored picture of a Mini Program's versions (MiniProgramCode) and the view every reader gets of it.

export type TCodeRow = Prisma.MiniProgramCodeGetPayload<object>;
export type TCodeChange = Omit<Prisma.MiniProgramCodeUncheckedCreateInput, "platformKey" | "appid" | "updatedAt">;

export type TMiniProgramCode = {
  appid: string;
  trial: { version: string; description: string; templateId: number | null; committedAt: Date | null } | null;
  audit: {
    auditId: string;
    status: TAuditStatus;
    version: string | null;
    description: string | null;
    templateId: number | null;
    reason: string | null;
    screenshots: string[];
    submittedAt: Date | null;
    decidedAt: Date | null;
    isSpedUp: boolean;
    /** Released already: a second release answers 85052. */
    isReleased: boolean;
  } | null;
  released: { version: string; description: string; templateId: number | null; releasedAt: Date | null } | null;
  /** The running gray release's percentage, null when none runs. */
  grayPercentage: number | null;
  /** false: visits closed (暂停服务); null: not known. */
  isVisitOpen: boolean | null;
  /** When wxopen last read the versions from WeChat. */
  checkedAt: Date | null;
};

export const toCodeView = (appid: string, row: TCodeRow | null): TMiniProgramCode => ({
  appid,
  trial: row?.trialVersion
    ? { version: row.trialVersion, description: row.trialDesc ?? "", templateId: row.trialTemplateId, committedAt: row.trialCommittedAt }
    : null,
  audit:
    row?.auditId && row.auditStatus
      ? {
          auditId: row.auditId,
          status: row.auditStatus as TAuditStatus,
          version: row.auditVersion,
          description: row.auditDesc,
          templateId: row.auditTemplateId,
          reason: row.auditReason,
          screenshots: row.auditScreenshots ? row.auditScreenshots.split("|").filter(Boolean) : [],
          submittedAt: row.auditSubmittedAt,
          decidedAt: row.auditDecidedAt,
          isSpedUp: row.isAuditSpedUp,
          isReleased: row.isAuditReleased,
        }
      : null,
  released: row?.releasedVersion
    ? { version: row.releasedVersion, description: row.releasedDesc ?? "", templateId: row.releasedTemplateId, releasedAt: row.releasedAt }
    : null,
  grayPercentage: row?.grayPercentage ?? null,
  isVisitOpen: row?.isVisitOpen ?? null,
  checkedAt: row?.checkedAt ?? null,
});

/** Writes what an action or a read learned; the row is made on first use. */
export const saveCodeState = async (ref: TAuthorizerRef, change: TCodeChange): Promise<TMiniProgramCode> => {
  const row = await getDb().miniProgramCode.upsert({
    where: { platformKey_appid: ref },
    create: { ...ref, ...change },
    update: change,
  });
  return toCodeView(ref.appid, row);
};

export const readCodeState = async (ref: TAuthorizerRef): Promise<TCodeRow | null> =>
  getDb().miniProgramCode.findUnique({ where: { platformKey_appid: ref } });
