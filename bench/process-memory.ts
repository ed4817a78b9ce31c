import { readdirSync, readFileSync } from "node:fs";

// Resident memory of the processes the bench started, read from /proc (Linux; elsewhere the figures are NaN).

const readProc = (pid: string, file: string) => {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return "";
  }
};

/** Every process's parent: the field after the command in /proc/<pid>/stat (the command may hold spaces). */
const parents = () => {
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    // no /proc
  }
  return new Map(pids.map((pid) => [pid, readProc(pid, "stat").split(") ")[1]?.split(" ")[1]]));
};

/** The child of this process started with `name=value` in its environment (an app instance by its PORT). */
export const findChildProcess = (name: string, value: string) =>
  [...parents()].find(
    ([pid, parent]) => parent === String(process.pid) && readProc(pid, "environ").split("\0").includes(`${name}=${value}`),
  )?.[0];

/** VmRSS of a process and all its descendants, in MB. */
export const processTreeRssMb = (root: string | undefined) => {
  if (!root) return NaN;
  const parentOf = parents();
  const tree = new Set([root]);
  for (let isGrowing = true; isGrowing;) {
    isGrowing = false;
    for (const [pid, parent] of parentOf) {
      if (parent && tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        isGrowing = true;
      }
    }
  }
  const kilobytes = [...tree].reduce((sum, pid) => sum + Number(/VmRSS:\s+(\d+)/.exec(readProc(pid, "status"))?.[1] ?? 0), 0);
  return kilobytes / 1024;
};
