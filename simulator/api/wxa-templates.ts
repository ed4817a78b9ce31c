import { WECHAT_OK, wechatError } from "../errors";
import { addTemplate, draftJson, findTemplate, libraryOf, templateJson } from "../mini-program/template-library";
import { integerField, type TApiDefinition, type TApiInput } from "./api-definition";

// The platform's template library (§11.1), component token (as access_token= or component_access_token=): each
// platform sees and changes its own library only.

const libraryFor = ({ context, token }: TApiInput) => libraryOf(context, token?.componentAppid);

// GET /wxa/gettemplatedraftlist - the drafts its development mini program uploaded
export const getTemplateDraftList: TApiDefinition = {
  tokenKind: "component",
  methods: ["GET"],
  handle: (input) => ({ ...WECHAT_OK, draft_list: libraryFor(input).drafts.map(draftJson) }),
};

// POST /wxa/addtotemplate - a draft becomes a template (normal 0, or standard 1)
export const addToTemplate: TApiDefinition = {
  tokenKind: "component",
  handle: (input) => {
    const { context, body, isEmptyBody } = input;
    if (isEmptyBody) return wechatError(44002);
    const type = integerField(body, "template_type") ?? (body.template_type === undefined ? 0 : -1);
    if (type !== 0 && type !== 1) return wechatError(47001);
    const draftId = integerField(body, "draft_id");
    if (draftId === undefined) return wechatError(85064);
    const added = addTemplate(libraryFor(input), draftId, type, context.clock.nowSeconds());
    return "errcode" in added ? wechatError(added.errcode) : { ...WECHAT_OK };
  },
};

// GET /wxa/gettemplatelist?template_type= - the platform's code templates (all types when omitted)
export const getTemplateList: TApiDefinition = {
  tokenKind: "component",
  // WeChat documents GET; a POST gets the same answer.
  methods: ["GET", "POST"],
  handle: (input) => {
    const type = input.query.get("template_type");
    const templates = libraryFor(input).templates.filter((template) => type === null || String(template.templateType) === type);
    return { ...WECHAT_OK, template_list: templates.map(templateJson) };
  },
};

// POST /wxa/deletetemplate - removes a template from the library (commits already made from it stay)
export const deleteTemplate: TApiDefinition = {
  tokenKind: "component",
  handle: (input) => {
    if (input.isEmptyBody) return wechatError(44002);
    const library = libraryFor(input);
    const template = findTemplate(library, integerField(input.body, "template_id"));
    if (!template) return wechatError(85064);
    library.templates.splice(library.templates.indexOf(template), 1);
    return { ...WECHAT_OK };
  },
};
