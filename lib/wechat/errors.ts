/** WXBizMsgCrypt error codes (official samples). */
export const CRYPT_ERROR = {
  validateSignature: -40001,
  parseXml: -40002,
  computeSignature: -40003,
  illegalAesKey: -40004,
  validateAppid: -40005,
  encryptAes: -40006,
  decryptAes: -40007,
  illegalBuffer: -40008,
  encodeBase64: -40009,
  decodeBase64: -40010,
} as const;

export type TCryptErrorCode = (typeof CRYPT_ERROR)[keyof typeof CRYPT_ERROR];

/** A push that failed WXBizMsgCrypt checks; `code` is the official error code. */
export class WechatCryptError extends Error {
  constructor(
    readonly code: TCryptErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "WechatCryptError";
  }
}

/** WeChat answered an API call with a non-zero errcode (inside HTTP 200). */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
  ) {
    super(`WeChat ${path} answered errcode ${errcode}: ${errmsg}`);
    this.name = "WechatApiError";
  }
}

/** WeChat could not be reached or answered something that is not a WeChat answer (5xx, bad JSON, timeout). */
export class WechatTransportError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "WechatTransportError";
  }
}
