import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  METRICS_CONTENT_TYPE,
  countDelivery,
  countEvent,
  countPush,
  countRoutineRefresh,
  incrementCounter,
  observeHistogram,
  registry,
  setGauge,
} from "./metrics";

const lines = async () => (await registry.metrics()).split("\n");

describe("metrics registry", () => {
  it("is one per process, in Prometheus text format 0.0.4", async () => {
    assert.equal(registry, (globalThis as { wxopenRegistry?: unknown }).wxopenRegistry);
    assert.equal(METRICS_CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
    const reloaded = await import(`./metrics.ts?again=${Date.now()}`);
    assert.equal(reloaded.registry, registry, "a second copy of the module (another bundle) shares the registry");
  });

  it("has the process metrics: CPU, memory, file descriptors, event-loop lag, GC, heap", async () => {
    const text = await registry.metrics();
    for (const name of [
      "process_cpu_seconds_total",
      "process_resident_memory_bytes",
      "process_open_fds",
      "nodejs_eventloop_lag_seconds",
      "nodejs_eventloop_lag_p99_seconds",
      "nodejs_gc_duration_seconds",
      "nodejs_heap_size_used_bytes",
    ])
      assert.match(text, new RegExp(`^# TYPE ${name} `, "m"), name);
  });

  it("writes wxopen's counters and histograms with their names, help, types and sorted labels", async () => {
    countPush("component_verify_ticket", "accepted", "wx00000000000000b0");
    countRoutineRefresh();
    countEvent("token.refresh_failed", "error", 45009, "wx00000000000000b0");
    countDelivery("rule-1", "delivered");
    incrementCounter("wxopen_sweeps_total", "Refresh sweeps this instance started, by how they ended", { status: "completed" });
    observeHistogram(
      "wxopen_api_request_duration_seconds",
      "Time to answer /api/v1 requests, by route, method and status",
      [0.1, 1],
      {
        route: "/api/v1/authorizers",
        method: "GET",
        status: "200",
      },
      0.05,
    );
    const text = await lines();
    for (const expected of [
      "# HELP wxopen_pushes_total Pushes received at the authorization-event URL, by platform",
      "# TYPE wxopen_pushes_total counter",
      'wxopen_pushes_total{info_type="component_verify_ticket",outcome="accepted",platform="wx00000000000000b0"} 1',
      'wxopen_token_refreshes_total{errcode="",outcome="ok",token="authorizer"} 1',
      'wxopen_token_refreshes_total{errcode="45009",outcome="error",token="authorizer"} 1',
      'wxopen_events_total{errcode="45009",kind="token.refresh_failed",outcome="error",platform="wx00000000000000b0"} 1',
      'wxopen_deliveries_total{outcome="delivered",rule="rule-1"} 1',
      'wxopen_sweeps_total{status="completed"} 1',
      "# TYPE wxopen_api_request_duration_seconds histogram",
      'wxopen_api_request_duration_seconds_bucket{le="0.1",method="GET",route="/api/v1/authorizers",status="200"} 1',
      'wxopen_api_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/v1/authorizers",status="200"} 1',
      'wxopen_api_request_duration_seconds_sum{method="GET",route="/api/v1/authorizers",status="200"} 0.05',
      'wxopen_api_request_duration_seconds_count{method="GET",route="/api/v1/authorizers",status="200"} 1',
    ])
      assert.ok(text.includes(expected), expected);
  });

  it("never throws for a label set that does not match the metric's first use", () => {
    assert.doesNotThrow(() => incrementCounter("wxopen_sweeps_total", "Refresh sweeps", { unexpected: "x" }));
  });

  it("replaces a scrape-time gauge's samples; with none it has no value (absent, not 0)", async () => {
    setGauge("wxopen_test_deliveries", "Deliveries", ["status", "rule"], [[{ status: "pending", rule: "a" }, 2]]);
    setGauge("wxopen_test_deliveries", "Deliveries", ["status", "rule"], [[{ status: "dead", rule: "b" }, 1]]);
    setGauge("wxopen_test_age_seconds", "Age", [], [[{}, 5]]);
    setGauge("wxopen_test_age_seconds", "Age", [], []);
    const text = await lines();
    assert.ok(text.includes('wxopen_test_deliveries{rule="b",status="dead"} 1'));
    assert.ok(!text.some((line) => line.includes('status="pending"')));
    assert.ok(text.includes("# TYPE wxopen_test_age_seconds gauge"));
    assert.ok(!text.some((line) => line.startsWith("wxopen_test_age_seconds ")));
    setGauge("wxopen_test_age_seconds", "Age", [], [[{}, -3]]);
    assert.ok((await lines()).includes("wxopen_test_age_seconds -3"));
  });
});
