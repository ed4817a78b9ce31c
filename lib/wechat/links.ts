// The two authorization pages: the PC QR page (componentloginpage) and the mobile link (bindcomponent).

export type TAuthorizationLinkOptions = {
  componentAppid: string;
  preAuthCode: string;
  redirectUri: string;
  /** 1 official accounts, 2 mini programs, 3 both; newer 4, 5, 6 pass through. */
  authType: number;
  bizAppid?: string | null;
  categoryIds?: number[] | null;
};

const query = (options: TAuthorizationLinkOptions, extra: Record<string, string> = {}) => {
  const params = new URLSearchParams(extra);
  params.set("component_appid", options.componentAppid);
  params.set("pre_auth_code", options.preAuthCode);
  params.set("redirect_uri", options.redirectUri);
  params.set("auth_type", String(options.authType));
  if (options.bizAppid) params.set("biz_appid", options.bizAppid);
  if (options.categoryIds?.length) params.set("category_id_list", options.categoryIds.join("|"));
  return params.toString();
};

/** https://mp.weixin.qq.com/cgi-bin/componentloginpage?… (must be opened from a page on the authorization domain). */
export const buildPcAuthorizationUrl = (mpBase: string, options: TAuthorizationLinkOptions) =>
  `${mpBase}/cgi-bin/componentloginpage?${query(options)}`;

/** https://open.weixin.qq.com/wxaopen/safe/bindcomponent?…#wechat_redirect (opened inside WeChat). */
export const buildMobileAuthorizationUrl = (openBase: string, options: TAuthorizationLinkOptions) =>
  `${openBase}/wxaopen/safe/bindcomponent?${query(options, { action: "bindcomponent", no_scan: "1" })}#wechat_redirect`;
