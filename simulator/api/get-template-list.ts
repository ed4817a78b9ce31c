import { WECHAT_OK } from "../errors";
import { appidFromName } from "../random";
import type { TApiDefinition } from "./api-definition";

const SOURCE = { source_miniprogram_appid: appidFromName("Template Workshop 模板开发小程序"), source_miniprogram: "模板开发小程序" };

/** The platform's code templates: a fixed list, so tests and demos can count on it (template_type 0 normal, 1 standard). */
const TEMPLATES = [
  { create_time: 1_714_521_600, user_version: "1.0.0", user_desc: "商城基础版", template_id: 1, draft_id: 3, template_type: 0 },
  { create_time: 1_717_200_000, user_version: "1.1.0", user_desc: "修复支付回调", template_id: 2, draft_id: 7, template_type: 0 },
  { create_time: 1_719_792_000, user_version: "2.0.0", user_desc: "预约标准模板", template_id: 3, draft_id: 12, template_type: 1 },
].map((template) => ({ ...template, ...SOURCE, developer: "template-dev" }));

// GET /wxa/gettemplatelist - the platform's code templates (component token, passed as access_token)
export const getTemplateList: TApiDefinition = {
  tokenKind: "component",
  // WeChat documents GET; a POST gets the same answer.
  methods: ["GET", "POST"],
  handle: ({ query }) => {
    const type = query.get("template_type");
    return { ...WECHAT_OK, template_list: TEMPLATES.filter((template) => type === null || String(template.template_type) === type) };
  },
};
