import type { TFigure } from "../harness/figure";
import { dashboard } from "./dashboard";
import { forwarding } from "./forwarding";
import { messageRules } from "./message-rules";
import { messageUrl } from "./message-url";
import { notify } from "./notify";
import { platforms } from "./platforms";
import { proxy } from "./proxy";
import { rate } from "./rate";
import { releases } from "./releases";
import { server } from "./server";
import { sweep } from "./sweep";
import { sweepInstances } from "./sweep-instances";
import { tokenApi } from "./token-api";

/** Every figure, in the order a run takes them (later ones find the rows earlier ones seeded). */
export const FIGURES: TFigure[] = [
  tokenApi,
  notify,
  messageUrl,
  messageRules,
  forwarding,
  proxy,
  sweep,
  platforms,
  sweepInstances,
  server,
  dashboard,
  releases,
  rate,
];
