import { AppError } from "../../errors";
import { getDb } from "../../db";
import { ZDraftList, ZTemplateList } from "../../wechat/mini-program-code";
import { platformKeyOf } from "../platforms/platform-key";
import type { TPlatform } from "../platforms/platform-registry";
import { callCodeApi } from "../mini-programs/call-code-api";

// The platform's template library (component token, §11.1): drafts uploaded from the developer tools, the templates
// made from them, and how many of the platform's Mini Programs run each (known for code committed through wxopen).

const componentCall = (platform: TPlatform, actor: string) => ({ target: { kind: "component" as const, platform }, actor });

export const listTemplateDrafts = async ({ platform, actor }: { platform: TPlatform; actor: string }) => {
  const answer = ZDraftList.safeParse(
    await callCodeApi({ ...componentCall(platform, actor), path: "wxa/gettemplatedraftlist", method: "GET" }),
  );
  if (!answer.success) throw new AppError("wechat_error", "WeChat's draft list is not the documented shape");
  return answer.data.draft_list
    .map((draft) => ({
      draftId: draft.draft_id,
      userVersion: draft.user_version,
      userDesc: draft.user_desc,
      createdAt: new Date(draft.create_time * 1000),
    }))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
};

/** Per template id: how many Mini Programs run it (released), and have it as trial or in review. */
const usageOf = async (platformKey: string, templateIds: number[]) => {
  const db = getDb();
  const count = (column: "releasedTemplateId" | "trialTemplateId" | "auditTemplateId") =>
    db.miniProgramCode.groupBy({ by: [column], where: { platformKey, [column]: { in: templateIds } }, _count: { _all: true } });
  const [released, trial, audit] = await Promise.all([count("releasedTemplateId"), count("trialTemplateId"), count("auditTemplateId")]);
  const byId = (rows: { _count: { _all: number } }[], column: string) =>
    new Map(rows.map((row) => [(row as unknown as Record<string, number>)[column], row._count._all]));
  return { released: byId(released, "releasedTemplateId"), trial: byId(trial, "trialTemplateId"), audit: byId(audit, "auditTemplateId") };
};

export const listCodeTemplates = async ({
  platform,
  actor,
  templateType,
}: {
  platform: TPlatform;
  actor: string;
  templateType?: 0 | 1;
}) => {
  const answer = ZTemplateList.safeParse(
    await callCodeApi({
      ...componentCall(platform, actor),
      path: "wxa/gettemplatelist",
      method: "GET",
      query: templateType === undefined ? {} : { template_type: String(templateType) },
    }),
  );
  if (!answer.success) throw new AppError("wechat_error", "WeChat's template list is not the documented shape");
  const templates = answer.data.template_list;
  const usage = await usageOf(
    platformKeyOf(platform),
    templates.map((template) => template.template_id),
  );
  return templates
    .map((template) => ({
      templateId: template.template_id,
      templateType: template.template_type ?? 0,
      userVersion: template.user_version,
      userDesc: template.user_desc,
      createdAt: new Date(template.create_time * 1000),
      sourceMiniProgram: template.source_miniprogram ?? null,
      developer: template.developer ?? null,
      releasedCount: usage.released.get(template.template_id) ?? 0,
      trialCount: usage.trial.get(template.template_id) ?? 0,
      inReviewCount: usage.audit.get(template.template_id) ?? 0,
    }))
    .sort((a, b) => b.templateId - a.templateId);
};
