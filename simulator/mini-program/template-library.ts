import type { TSimulatorContext } from "../context";
import { appidFromName } from "../random";
import type { TDraft, TTemplate, TTemplateLibrary, TTemplateType } from "./code-types";
import { platformKey } from "./slots";

// Each platform's code templates (§11.1): drafts come from its development mini program (the developer tools; here
// simulator.addTemplateDraft), addtotemplate turns one into a template. Every platform starts with the same three.

/** The library holds 200 templates (§11.1); one more is 85065. */
export const MAX_TEMPLATES = 200;

export const DEFAULT_PAGES = ["pages/index/index", "pages/shop/list", "pages/shop/detail", "pages/cart/index", "pages/mine/index"];
const BOOKING_PAGES = ["pages/index/index", "pages/booking/list", "pages/booking/detail", "pages/mine/index"];

const SOURCE = {
  source_miniprogram_appid: appidFromName("Template Workshop 模板开发小程序"),
  source_miniprogram: "模板开发小程序",
  developer: "template-dev",
};

const SEED_DRAFTS: TDraft[] = [
  { draftId: 3, createTime: 1_714_521_000, userVersion: "1.0.0", userDesc: "商城基础版", pages: DEFAULT_PAGES },
  { draftId: 7, createTime: 1_717_199_000, userVersion: "1.1.0", userDesc: "修复支付回调", pages: DEFAULT_PAGES },
  { draftId: 12, createTime: 1_719_791_000, userVersion: "2.0.0", userDesc: "预约标准模板", pages: BOOKING_PAGES },
];

const SEED_TEMPLATES: TTemplate[] = [
  {
    templateId: 1,
    draftId: 3,
    templateType: 0,
    createTime: 1_714_521_600,
    userVersion: "1.0.0",
    userDesc: "商城基础版",
    pages: DEFAULT_PAGES,
  },
  {
    templateId: 2,
    draftId: 7,
    templateType: 0,
    createTime: 1_717_200_000,
    userVersion: "1.1.0",
    userDesc: "修复支付回调",
    pages: DEFAULT_PAGES,
  },
  {
    templateId: 3,
    draftId: 12,
    templateType: 1,
    createTime: 1_719_792_000,
    userVersion: "2.0.0",
    userDesc: "预约标准模板",
    pages: BOOKING_PAGES,
  },
];

/** The platform's library (the primary one unless named), made on first use. */
export const libraryOf = (context: TSimulatorContext, componentAppid?: string): TTemplateLibrary => {
  const key = platformKey(context, componentAppid);
  const existing = context.state.code.libraries.get(key);
  if (existing) return existing;
  const library: TTemplateLibrary = {
    drafts: SEED_DRAFTS.map((draft) => ({ ...draft, pages: [...draft.pages] })),
    templates: SEED_TEMPLATES.map((template) => ({ ...template, pages: [...template.pages] })),
    nextDraftId: 13,
    nextTemplateId: 4,
  };
  context.state.code.libraries.set(key, library);
  return library;
};

export const addDraft = (library: TTemplateLibrary, draft: Omit<TDraft, "draftId">): TDraft => {
  const added = { ...draft, draftId: library.nextDraftId++ };
  library.drafts.push(added);
  return added;
};

/** addtotemplate: 85064 for an unknown draft, 85065 once the library holds 200. */
export const addTemplate = (
  library: TTemplateLibrary,
  draftId: number,
  templateType: TTemplateType,
  now: number,
): { errcode: number } | { template: TTemplate } => {
  const draft = library.drafts.find((item) => item.draftId === draftId);
  if (!draft) return { errcode: 85064 };
  if (library.templates.length >= MAX_TEMPLATES) return { errcode: 85065 };
  const { userVersion, userDesc, pages } = draft;
  const template: TTemplate = {
    templateId: library.nextTemplateId++,
    draftId,
    templateType,
    createTime: now,
    userVersion,
    userDesc,
    pages,
  };
  library.templates.push(template);
  return { template };
};

export const findTemplate = (library: TTemplateLibrary, templateId: number | undefined) =>
  templateId === undefined ? undefined : library.templates.find((template) => template.templateId === templateId);

export const draftJson = (draft: TDraft) => ({
  create_time: draft.createTime,
  user_version: draft.userVersion,
  user_desc: draft.userDesc,
  draft_id: draft.draftId,
});

/** gettemplatelist's item; standard templates (type 1) add their audit fields (not submitted here). */
export const templateJson = (template: TTemplate) => ({
  create_time: template.createTime,
  user_version: template.userVersion,
  user_desc: template.userDesc,
  template_id: template.templateId,
  draft_id: template.draftId,
  template_type: template.templateType,
  ...SOURCE,
  ...(template.templateType === 1 ? { category_list: [], audit_scene: 0, audit_status: 0, reason: "" } : {}),
});
