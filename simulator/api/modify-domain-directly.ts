import { WECHAT_OK, wechatError } from "../errors";
import { DOMAIN_KINDS, type TDomainLists } from "../mini-program/code-types";
import { changeDomains, DOMAIN_ACTIONS, type TDomainAction } from "../mini-program/domain-lists";
import { codeApi } from "./code-api";

const invalidFields = (invalid: TDomainLists) => Object.fromEntries(DOMAIN_KINDS.map((kind) => [`invalid_${kind}`, invalid[kind]]));

// POST /wxa/modify_domain_directly {action, requestdomain ...} - the mini program's own server domains (mode 2)
export const modifyDomainDirectly = codeApi({
  handle: ({ body, slots }) => {
    const action = body.action;
    if (typeof action !== "string" || !DOMAIN_ACTIONS.includes(action as TDomainAction)) return wechatError(47001);
    const change = changeDomains(slots.domains, action as TDomainAction, body);
    if ("errcode" in change) return { ...wechatError(change.errcode), ...invalidFields(change.invalid) };
    slots.domains = change.lists;
    return { ...WECHAT_OK, ...structuredClone(change.lists), ...invalidFields(change.invalid), no_icp_domain: [] };
  },
});
