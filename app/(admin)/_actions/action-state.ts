// What a dashboard server action answers to its form: the result, or a message a person can act on. Forms (client
// components) import this file, so it imports nothing: runAction, which maps errors on the server, is in run-action.ts.
export type TActionState<T> = { status: "idle" } | { status: "error"; message: string; errcode?: number } | ({ status: "done" } & T);

export const IDLE = { status: "idle" } as const;
