import type { TLocale } from "@/lib/i18n/locale";
import { explainCodeError } from "@/lib/wechat/code-errors";

/** A failed action's message: WeChat's refusal explained in the reader's language when its errcode is known. */
export const refusalText = ({ message, errcode }: { message: string; errcode?: number }, locale: TLocale) => {
  const explanation = errcode === undefined ? null : explainCodeError(errcode);
  return explanation ? `${explanation[locale]} (${errcode})` : message;
};
