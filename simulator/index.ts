// The WeChat simulator: a faithful stand-in for WeChat's component APIs, authorization pages and pushes.
export { startSimulator, type TStartOptions } from "./simulator";
export type { TSimulator, TSimulator as Simulator, TSimulatorSummary, TAccountView, TTicketView } from "./simulator-types";
export { DEFAULT_CONFIG, type TSimulatorConfig, type TMutableConfig } from "./config";
export type { TCall, TDelivery, TAuthorization } from "./context";
export type { TFault, TFaultRecord } from "./faults";
export type { TAccount, TAccountKind } from "./accounts";
export { SEED_ACCOUNTS, makeBulkAccount } from "./accounts";
export type { TAddAccountsOptions, TCallFilter } from "./operations";
export type { TAuthorizeOptions, TAuthorizeResult } from "./authorizations";
export type { TPushMessage } from "./push-delivery";
export { SCOPES_BY_KIND, SCOPE_NAMES } from "./scopes";
export type { TMessageKind, TSendMessageOptions } from "./message-content";
export type { TMessageRecord, TMessageReply } from "./messages";
export type { TCustomMessage } from "./custom-messages";
export type { TReleaseCheckRun, TReleaseCheckStep, TReleaseCheckOptions, TReleaseCheckStepName } from "./release-check-types";
