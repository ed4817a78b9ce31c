import { pushCapped, type TSimulatorContext } from "./context";

/** One customer-service message message/custom/send accepted (§10.3). */
export type TCustomMessage = {
  id: number;
  at: string;
  /** The account whose authorizer_access_token sent it. */
  appid: string;
  touser: string;
  msgtype: string;
  /** The text of a text message; the JSON of any other kind's payload. */
  content: string;
  /** The authorizer_access_token used, so a check can tell which api_query_auth issued it. */
  accessToken: string;
};

export const MAX_CUSTOM_MESSAGES = 1000;
const CONTENT_PREVIEW = 2000;

export const recordCustomMessage = (context: TSimulatorContext, message: Omit<TCustomMessage, "id" | "at">): TCustomMessage => {
  const record: TCustomMessage = {
    id: context.state.nextCustomMessageId++,
    at: new Date(context.clock.nowMs()).toISOString(),
    ...message,
    content: message.content.slice(0, CONTENT_PREVIEW),
  };
  pushCapped(context.state.customMessages, record, MAX_CUSTOM_MESSAGES);
  return { ...record };
};

export const listCustomMessages = (context: TSimulatorContext) => context.state.customMessages.map((message) => ({ ...message }));
