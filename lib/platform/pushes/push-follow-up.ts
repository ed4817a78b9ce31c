/** What a push handler does after it has answered WeChat (slow work never delays `success`). */
export type TPushFollowUp = () => Promise<unknown>;
