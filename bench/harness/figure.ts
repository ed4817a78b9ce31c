import type { TBenchStack, TProvider } from "./stack";

// A figure: one measurement with its baseline. Most run on the shared stack, in order; the rate test brings its own.

export type TFigure = {
  /** The name on the command line (`npm run bench -- token-api proxy`). */
  name: string;
  /** The names --only took before the split. */
  aliases?: string[];
  /** Run when no figure is named (the rate test takes an hour, so it is not). */
  isDefault: boolean;
} & ({ run: (stack: TBenchStack) => Promise<void>; runAlone?: never } | { run?: never; runAlone: (provider: TProvider) => Promise<void> });
