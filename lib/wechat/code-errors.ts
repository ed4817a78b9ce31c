// What WeChat's code-management errcodes mean and what to do about each, in both languages (§11). `kind` says whose
// move it is: the caller's input (input), the account's or review's state (state), a monthly or daily allowance
// (quota), or nobody's: WeChat is still working and the same call succeeds later (retry).

export type TCodeErrorKind = "input" | "state" | "quota" | "retry";
export type TCodeErrorExplanation = { kind: TCodeErrorKind; zh: string; en: string };

const explain = (kind: TCodeErrorKind, zh: string, en: string): TCodeErrorExplanation => ({ kind, zh, en });

export const CODE_ERRORS: Record<number, TCodeErrorExplanation> = {
  61007: explain(
    "state",
    "该小程序未向本平台授权“开发管理”权限集（18），请让商家重新授权并勾选它。",
    "The Mini Program has not granted this platform permission set 18 (development management): ask the merchant to authorize again with it ticked.",
  ),
  61039: explain(
    "retry",
    "提交代码后微信仍在做隐私检测（约 1 分钟），稍后再提交审核。",
    "WeChat is still running its privacy check on the committed code (about a minute): submit again shortly.",
  ),
  61040: explain(
    "input",
    "代码使用了未声明或未获授权的隐私接口：在 ext_json 的 requiredPrivateInfos 中声明、申请权限，或声明未使用。",
    "The code uses privacy APIs that are not declared or not authorized: declare them in ext_json's requiredPrivateInfos, apply for them, or declare them unused.",
  ),
  85006: explain("input", "审核项的标签格式不对。", "A review item's tags are not valid."),
  85007: explain(
    "input",
    "审核项的页面不在代码的页面列表中（get_page）。",
    "A review item's page is not one of the code's pages (get_page).",
  ),
  85008: explain(
    "input",
    "审核项的类目不是小程序已设置的类目（get_category）。",
    "A review item's category is not one the Mini Program has set (get_category).",
  ),
  85009: explain(
    "state",
    "已有版本在审核中：等待审核结果，或先撤回审核再提交。",
    "A version is already in review: wait for its result, or undo that review before submitting again.",
  ),
  85010: explain("input", "审核项缺少必填内容。", "A review item is missing required fields."),
  85011: explain("input", "审核项的标题不对（最多 32 个字）。", "A review item's title is not valid (at most 32 characters)."),
  85012: explain("state", "微信不认识这个审核单号。", "WeChat does not know this audit id."),
  85013: explain(
    "input",
    "ext_json 中的自定义配置无效，请检查模板变量。",
    "The custom settings in ext_json are not valid: check the template's placeholders.",
  ),
  85014: explain("input", "模板不存在：请从模板库中选择。", "No such template: pick one from the template library."),
  85019: explain("state", "没有审核通过的版本可发布。", "There is no version that passed review to release."),
  85020: explain(
    "state",
    "最近一次审核未通过或仍在进行，不能发布。",
    "The latest review has not passed (it failed or is still running): it cannot be released.",
  ),
  85021: explain("state", "访问状态已经是这个状态。", "Visits are already in that state."),
  85022: explain("input", "访问状态只能是打开或关闭。", "The visit status is open or close."),
  85023: explain("input", "审核项数量须为 1 到 5 个。", "Give 1 to 5 review items."),
  85043: explain("input", "模板有误，请在开发者工具中重新上传。", "The template is faulty: upload it again from the developer tools."),
  85044: explain("input", "代码包超过大小限制。", "The code package is too large."),
  85045: explain("input", "ext_json 中的页面路径在模板中不存在。", "A page path in ext_json does not exist in the template."),
  85046: explain("input", "ext_json 的 tabBar 中有项目缺少 pagePath。", "An item of ext_json's tabBar has no pagePath."),
  85047: explain("input", "ext_json 的 pages 为空。", "ext_json's pages is empty."),
  85048: explain("input", "ext_json 不是合法的 JSON。", "ext_json is not valid JSON."),
  85052: explain("state", "这个版本已经发布过了。", "This version is already released."),
  85058: explain("state", "这个小程序还没有提交过审核。", "This Mini Program has never been submitted for review."),
  85064: explain("input", "草稿或模板不存在（可能已被删除）。", "No such draft or template (it may have been deleted)."),
  85065: explain(
    "quota",
    "模板库已满（200 个）：先删除不用的模板。",
    "The template library is full (200): delete templates no longer used.",
  ),
  85079: explain("state", "还没有线上版本，不能灰度发布。", "There is no released version yet, so there is nothing to gray-release over."),
  85080: explain("state", "最近一次审核未通过，不能灰度发布。", "The latest review has not passed: it cannot be gray-released."),
  85081: explain("input", "灰度比例须在 1 到 100 之间。", "The gray percentage is 1 to 100."),
  85082: explain("input", "灰度比例须大于上一次的比例。", "The gray percentage must be above the previous one."),
  85085: explain(
    "quota",
    "本月的提审次数已用完（平台所有小程序共用），下月恢复，或向微信申请加额。",
    "This month's review slots are used up (all the platform's Mini Programs share them): they come back next month, or ask WeChat for more.",
  ),
  85086: explain("state", "请先提交代码再提审。", "Commit code before submitting it for review."),
  85092: explain(
    "input",
    "预览图或视频无效或已过期（3 天），请重新上传。",
    "The preview images or videos are invalid or expired (3 days): upload them again.",
  ),
  85094: explain(
    "input",
    "该类目首次提审需要填写 UGC 声明（ugc_declare）。",
    "These categories need a UGC declaration (ugc_declare) on their first review.",
  ),
  86000: explain("state", "接口须由第三方平台调用。", "This API must be called through the third-party platform."),
  86001: explain("state", "还没有提交代码。", "No code has been committed yet."),
  86002: explain(
    "state",
    "小程序资料未完善（名称、头像或简介），请商家在公众平台补全后再提审。",
    "The Mini Program's profile is incomplete (name, avatar or introduction): the merchant must complete it in the MP console first.",
  ),
  87011: explain("state", "灰度发布进行中，不能回退。", "A gray release is running: it cannot be rolled back."),
  87012: explain(
    "state",
    "没有可回退的版本（或已经回退过）。",
    "There is no earlier version to roll back to (or it was already rolled back).",
  ),
  87013: explain("quota", "撤回次数已用完（每天 5 次、每月 10 次）。", "No undos are left (5 a day and 10 a month per Mini Program)."),
  89401: explain("retry", "微信系统不稳定，请稍后重试。", "WeChat is unstable: try again later."),
  89402: explain(
    "state",
    "该审核单不在待审核队列中，不能加急。",
    "That audit is not waiting in the review queue, so it cannot be sped up.",
  ),
  89403: explain("state", "该审核类型不能加急。", "This kind of review cannot be sped up."),
  89404: explain("state", "这个审核已经加急过了。", "This review was already sped up."),
  89405: explain("quota", "本月的加急次数已用完。", "This month's speed-ups are used up."),
  9402203: explain(
    "input",
    "标准模板的 ext_json 只能包含 extAppid、ext 和 window。",
    "A standard template's ext_json may hold only extAppid, ext and window.",
  ),
};

/** The explanation of an errcode, or null for one without (the caller then shows WeChat's errmsg). */
export const explainCodeError = (errcode: number): TCodeErrorExplanation | null => CODE_ERRORS[errcode] ?? null;
