import { WECHAT_OK, wechatError } from "../errors";
import { accountCategories, itemListError } from "../mini-program/audit-items";
import { takeAuditQuota } from "../mini-program/audit-quota";
import type { TAudit } from "../mini-program/code-types";
import { addAudit, auditInReview, slotsKey } from "../mini-program/slots";
import { codeApi } from "./code-api";

const isObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);

// POST /wxa/submit_audit - the trial version goes to review; the platform's monthly quota loses one (§11.2.3)
export const submitAudit = codeApi({
  handle: ({ context, body, account, slots, token }) => {
    const items = body.item_list ?? [];
    // preview_info is an object; an array is 47001 (WxJava issue #1944), as is an item_list that is no list.
    if (!Array.isArray(items) || (body.preview_info !== undefined && !isObject(body.preview_info))) return wechatError(47001);
    const trial = slots.trial;
    if (!trial) return wechatError(85086);
    if (auditInReview(slots)) return wechatError(85009);
    if (context.state.code.incompleteProfiles.has(account.appid)) return wechatError(86002);
    if (context.clock.nowMs() < slots.scanEndsAtMs) return wechatError(61039);
    const itemFailure = itemListError(items, accountCategories(account), trial.pages);
    if (itemFailure) return wechatError(itemFailure);
    if (!takeAuditQuota(context, token?.componentAppid)) return wechatError(85085);
    const { code } = context.state;
    const audit: TAudit = {
      auditid: code.nextAuditId++,
      status: 2,
      reason: "",
      screenshots: [],
      version: { ...trial, pages: [...trial.pages] },
      // Draft (ver 2) privacy settings join the audit's snapshot and go live with its release.
      ...(slots.privacy.draft ? { privacy: structuredClone(slots.privacy.draft) } : {}),
      itemList: structuredClone(items),
      versionDesc: typeof body.version_desc === "string" ? body.version_desc : "",
      submitTime: context.clock.nowSeconds(),
      reviewStartMs: context.clock.nowMs(),
      isSpedUp: false,
      isReleased: false,
      events: [],
    };
    addAudit(context, slots, audit);
    code.inReview.set(audit.auditid, slotsKey(context, slots.appid, slots.componentAppid));
    return { ...WECHAT_OK, auditid: audit.auditid };
  },
});
