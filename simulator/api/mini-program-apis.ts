import type { TApiDefinition } from "./api-definition";
import { modifyDomainDirectly } from "./modify-domain-directly";
import { getPrivacySettingApi, setPrivacySettingApi } from "./privacy-setting";
import { getAuditStatus, getLatestAuditStatus, queryQuota, speedupAudit, undoCodeAudit } from "./wxa-audit-tracking";
import { commit, getCategory, getPage, getQrcode } from "./wxa-code";
import { grayReleaseCode, getGrayReleasePlan, releaseCode, revertCodeRelease, revertGrayReleaseCode } from "./wxa-release";
import { submitAudit } from "./wxa-submit-audit";
import { addToTemplate, deleteTemplate, getTemplateDraftList, getTemplateList } from "./wxa-templates";
import { changeVisitStatus, getVersionInfo, getVisitStatus } from "./wxa-visit";

// Mini Program code management (§11): the template library (component token) and each mini program's code, review,
// release, domains and privacy guide (its own token), by full path as the router's other APIs.
export const MINI_PROGRAM_APIS: Record<string, TApiDefinition> = {
  "/wxa/gettemplatedraftlist": getTemplateDraftList,
  "/wxa/addtotemplate": addToTemplate,
  "/wxa/gettemplatelist": getTemplateList,
  "/wxa/deletetemplate": deleteTemplate,
  "/wxa/commit": commit,
  "/wxa/get_page": getPage,
  "/wxa/get_category": getCategory,
  "/wxa/get_qrcode": getQrcode,
  "/wxa/submit_audit": submitAudit,
  "/wxa/get_auditstatus": getAuditStatus,
  "/wxa/get_latest_auditstatus": getLatestAuditStatus,
  "/wxa/undocodeaudit": undoCodeAudit,
  "/wxa/speedupaudit": speedupAudit,
  "/wxa/queryquota": queryQuota,
  "/wxa/release": releaseCode,
  "/wxa/revertcoderelease": revertCodeRelease,
  "/wxa/grayrelease": grayReleaseCode,
  "/wxa/getgrayreleaseplan": getGrayReleasePlan,
  "/wxa/revertgrayrelease": revertGrayReleaseCode,
  "/wxa/change_visitstatus": changeVisitStatus,
  "/wxa/getvisitstatus": getVisitStatus,
  "/wxa/getversioninfo": getVersionInfo,
  "/wxa/modify_domain_directly": modifyDomainDirectly,
};

/** Under /cgi-bin/component/ (by name, as the component APIs), yet called with the mini program's authorizer token. */
export const PRIVACY_APIS: Record<string, TApiDefinition> = {
  setprivacysetting: setPrivacySettingApi,
  getprivacysetting: getPrivacySettingApi,
};
