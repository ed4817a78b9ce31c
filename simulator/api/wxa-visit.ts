import { WECHAT_OK, wechatError } from "../errors";
import { codeApi } from "./code-api";

// The online version's service switch and the version summary (§11.2.5).

// POST /wxa/change_visitstatus {action: open|close} - the MP console's 暂停服务
export const changeVisitStatus = codeApi({
  handle: ({ body, slots }) => {
    const action = body.action;
    if (action !== "open" && action !== "close") return wechatError(85022);
    const isOpen = action === "open";
    if (slots.isVisitOpen === isOpen) return wechatError(85021);
    slots.isVisitOpen = isOpen;
    return { ...WECHAT_OK };
  },
});

// POST /wxa/getvisitstatus {} - 1 serving, 0 paused
export const getVisitStatus = codeApi({ handle: ({ slots }) => ({ ...WECHAT_OK, status: slots.isVisitOpen ? 1 : 0 }) });

// POST /wxa/getversioninfo {} - the trial and online versions, each absent when there is none
export const getVersionInfo = codeApi({
  handle: ({ slots }) => ({
    ...WECHAT_OK,
    ...(slots.trial
      ? { exp_info: { exp_time: slots.trial.commitTime, exp_version: slots.trial.userVersion, exp_desc: slots.trial.userDesc } }
      : {}),
    ...(slots.online
      ? {
          release_info: {
            release_time: slots.online.releaseTime,
            release_version: slots.online.userVersion,
            release_desc: slots.online.userDesc,
          },
        }
      : {}),
  }),
});
