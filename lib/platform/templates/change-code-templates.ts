import { recordEvent } from "../activity/record-event";
import { platformKeyOf } from "../platforms/platform-key";
import type { TPlatform } from "../platforms/platform-registry";
import { callCodeApi } from "../mini-programs/call-code-api";

// Adding a draft to the library and deleting a template (admins; component token). WeChat keeps 200 templates.

export const addDraftToTemplates = async ({
  platform,
  draftId,
  templateType = 0,
  actor,
}: {
  platform: TPlatform;
  draftId: number;
  /** 0 an ordinary template, 1 a standard one (only extAppid, ext and window in its ext_json). */
  templateType?: 0 | 1;
  actor: string;
}) => {
  await callCodeApi({
    target: { kind: "component", platform },
    path: "wxa/addtotemplate",
    body: { draft_id: draftId, template_type: templateType },
    actor,
  });
  await recordEvent({
    kind: "miniprogram.template",
    platformKey: platformKeyOf(platform),
    message: `Added draft ${draftId} to the template library${templateType === 1 ? " as a standard template" : ""}`,
    detail: { draftId, templateType },
    actor,
  });
};

export const deleteCodeTemplate = async ({ platform, templateId, actor }: { platform: TPlatform; templateId: number; actor: string }) => {
  await callCodeApi({ target: { kind: "component", platform }, path: "wxa/deletetemplate", body: { template_id: templateId }, actor });
  await recordEvent({
    kind: "miniprogram.template",
    platformKey: platformKeyOf(platform),
    message: `Deleted template ${templateId} from the library`,
    detail: { templateId },
    actor,
  });
};
