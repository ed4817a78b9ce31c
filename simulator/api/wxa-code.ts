import { WECHAT_OK, wechatError } from "../errors";
import { accountCategories } from "../mini-program/audit-items";
import { checkExtJson } from "../mini-program/ext-json";
import { auditInReview } from "../mini-program/slots";
import { findTemplate, libraryOf } from "../mini-program/template-library";
import { TRIAL_QRCODE_JPEG } from "../mini-program/trial-qrcode";
import { integerField } from "./api-definition";
import { codeApi, DEVELOPMENT_FUNC_ID } from "./code-api";

// Code upload and what reads it (§11.2.1-11.2.2), authorizer token of a mini program with set 18.

const MAX_USER_VERSION = 64;
/** get_qrcode also opens with 小程序开发与数据分析 (set 86). */
const QRCODE_FUNC_IDS = [DEVELOPMENT_FUNC_ID, 86];

// POST /wxa/commit - code from one of the platform's templates becomes the trial version
export const commit = codeApi({
  handle: ({ context, body, slots, token }) => {
    // A client that forgot to stringify ext_json fails the body's format before anything else is looked at.
    if (typeof body.ext_json !== "string") return wechatError(47001);
    const template = findTemplate(libraryOf(context, token?.componentAppid), integerField(body, "template_id"));
    if (!template) return wechatError(85014);
    if (!context.config.canCommitDuringAudit && auditInReview(slots)) return wechatError(85009);
    const userVersion = body.user_version;
    // ⚠ 85015 is "版本输入错误" in one SDK enum (§11.4); the doc names no code for a bad user_version.
    if (typeof userVersion !== "string" || userVersion === "" || userVersion.length > MAX_USER_VERSION) return wechatError(85015);
    const checked = checkExtJson(body.ext_json, template);
    if ("errcode" in checked) return wechatError(checked.errcode);
    slots.trial = {
      templateId: template.templateId,
      userVersion,
      userDesc: typeof body.user_desc === "string" ? body.user_desc : "",
      extJson: body.ext_json,
      pages: checked.pages,
      commitTime: context.clock.nowSeconds(),
    };
    // Every commit restarts the privacy scan; an audit already submitted keeps its own snapshot.
    slots.scanEndsAtMs = context.clock.nowMs() + context.config.privacyScanSeconds * 1000;
    return { ...WECHAT_OK };
  },
});

// GET /wxa/get_page - the committed pages, the valid `address` values of audit items
export const getPage = codeApi({
  methods: ["GET"],
  handle: ({ slots }) => (slots.trial ? { ...WECHAT_OK, page_list: [...slots.trial.pages] } : wechatError(86001)),
});

// GET /wxa/get_category - the account's configured categories, the only ones audit items may name
export const getCategory = codeApi({
  methods: ["GET"],
  handle: ({ account }) => ({ ...WECHAT_OK, category_list: accountCategories(account) }),
});

// GET /wxa/get_qrcode?path= - the trial version's QR code as a JPEG (errors as JSON: clients tell them by Content-Type)
export const getQrcode = codeApi({
  methods: ["GET"],
  funcIds: QRCODE_FUNC_IDS,
  handle: ({ slots }) => {
    if (!slots.trial) return wechatError(86001);
    return {
      binary: TRIAL_QRCODE_JPEG,
      contentType: "image/jpeg",
      headers: { "Content-disposition": 'attachment; filename="QRCode.jpg"' },
    };
  },
});
