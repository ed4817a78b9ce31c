import type { TDictionary } from "@/lib/i18n/dictionaries";
import { Badge, type TTone } from "../ui/badge";

const TONE: Record<string, TTone> = { authorized: "green", needs_reauthorization: "amber", unauthorized: "red" };

export function StatusBadge({ status, t }: { status: string; t: TDictionary }) {
  const label = t.status[status as keyof TDictionary["status"]] ?? status;
  return <Badge tone={TONE[status] ?? "slate"}>{label}</Badge>;
}

export function KindBadge({ kind, t }: { kind: string; t: TDictionary }) {
  const label = t.kind[kind as keyof TDictionary["kind"]] ?? kind;
  return <Badge tone={kind === "mini_program" ? "blue" : "slate"}>{label}</Badge>;
}
