import type { TLoadResult } from "../load";

// The results: one row per figure beside its baseline from the same run, then issue 20's targets with PASS/FAIL.

export type TRow = { provider: string; measure: string; wxopen: string; baseline: string; ratio: string; target: string; isMet?: boolean };
export type TTarget = { provider: string; target: string; measured: string; isMet: boolean };

const rows: TRow[] = [];
const targets: TTarget[] = [];

export const addRow = (row: TRow) => rows.push(row);
export const addTarget = (target: TTarget) => targets.push(target);

export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
export const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "-");
export const thousands = (value: number) => Math.round(value).toLocaleString("en-US");

/** "1,234 req/s; p50 1.2 ms, p99 3.4 ms", and the errors if any. */
export const describeLoad = (result: TLoadResult, unit = "req/s") =>
  `${thousands(result.perSecond)} ${unit}; p50 ${fixed(result.p50Ms)} ms, p99 ${fixed(result.p99Ms)} ms${result.errors ? `; ${result.errors} errors` : ""}`;

const printAligned = (lines: string[][]) => {
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => [...line[column]].length)));
  const line = (values: string[]) =>
    `| ${values.map((value, column) => value + " ".repeat(widths[column] - [...value].length)).join(" | ")} |`;
  console.log(line(lines[0]));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const values of lines.slice(1)) console.log(line(values));
};

export const printTable = () =>
  printAligned([
    ["db", "measure", "wxopen", "baseline (same run)", "ratio", "target", "met"],
    ...rows.map((row) => [
      row.provider,
      row.measure,
      row.wxopen,
      row.baseline,
      row.ratio,
      row.target,
      row.isMet === undefined ? "met" : row.isMet ? "yes" : "NO",
    ]),
  ]);

export const printTargets = () => {
  if (!targets.length) return;
  console.log("\ntargets (issue 20)\n");
  printAligned([
    ["db", "target", "measured", "result"],
    ...targets.map((target) => [target.provider, target.target, target.measured, target.isMet ? "PASS" : "FAIL"]),
  ]);
};
