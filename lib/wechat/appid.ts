/** An Official Account, Mini Program or platform appid: "wx" and 16 letters or digits. */
export const APPID_PATTERN = /^wx[0-9A-Za-z]{16}$/;

export const isAppid = (value: string) => APPID_PATTERN.test(value);
