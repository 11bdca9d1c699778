import { LlmMetricMetadata } from "../components/llmMetricMetadata";
import { LlmMonitors, LlmMonitorsArgs } from "../components/llmMonitors";
import { DokuObservability } from "../components/dokuObservability";
import { loadConfig } from "../config/load";
import { exportDashboard } from "../dashboards/export";
import { llmMonitoringDashboard } from "../dashboards/llmMonitoring";
import { exportMonitor } from "../monitors/export";
import { RecordingMocks } from "../offline/recording";
import { dashboardProblems, modelProblems } from "./support/datadogModels";
import { mockCluster, stackConfig } from "./support/ingester";
import { mockStack, resolve, settle } from "./support/pulumi";

const MONITOR = "datadog:index/monitor:Monitor";
const DASHBOARD_URL = "https://app.datadoghq.eu/dashboard/abc-def-ghi";

async function monitors(args: Partial<LlmMonitorsArgs> = {}): Promise<RecordingMocks> {
    const mocks = mockStack({});
    const component = new LlmMonitors("llm", { environment: "prod", dashboardUrl: DASHBOARD_URL, ...args });
    await resolve(component.monitorIds);
    await settle(mocks);
    return mocks;
}

const byName = (mocks: RecordingMocks) =>
    Object.fromEntries(mocks.ofType(MONITOR).map((monitor) => [monitor.name.replace(/^llm-/, ""), monitor.inputs]));

/** A Datadog metric monitor query, one group per part. */
const METRIC_QUERY = new RegExp(
    String.raw`^(avg|sum|min|max)\(last_(\d+[mhd])\):(avg|sum|min|max|count):([a-z][a-z0-9_.]*)\{([^}]*)\}` +
        String.raw`(?: by \{([^}]+)\})?(\.as_count\(\))? (>|>=|<|<=) (-?\d+(?:\.\d+)?)$`,
);

/**
 * The parts of a Datadog metric monitor query:
 * `time_agg(window):space_agg:metric{scope}[ by {group}][.as_count()] comparator threshold`.
 */
function parseQuery(query: string) {
    const parts = METRIC_QUERY.exec(query);
    if (!parts) throw new Error(`not a metric monitor query: ${query}`);
    return {
        timeAggregation: parts[1],
        window: parts[2],
        spaceAggregation: parts[3],
        metric: parts[4],
        scope: parts[5],
        groupBy: parts[6],
        comparator: parts[8],
        threshold: Number(parts[9]),
    };
}

describe("LlmMonitors under mocks", () => {
    it(
        "without budgets: latency, tokens and silence, " + "with exact queries, thresholds, options, tags and messages",
        async () => {
            const mocks = await monitors({ notify: ["@slack-llm-alerts", "@sre@example.com"] });
            const inputsByName = byName(mocks);
            expect(Object.keys(inputsByName)).toEqual(["request-duration", "tokens-per-request", "telemetry-silence"]);
            expect(mocks.ofType(MONITOR).every((resource) => resource.parent === "llm")).toBe(true);

            expect(inputsByName["request-duration"]).toEqual({
                name: "[Doku] LLM request duration high (prod)",
                type: "query alert",
                query: "avg(last_5m):avg:doku.llm.request.duration{environment:prod} by {applicationname} > 10",
                message: [
                    "{{#is_alert}}Average LLM request duration for {{applicationname.name}} " +
                        "in prod is {{value}} s, above 10 s.{{/is_alert}}",
                    "{{#is_warning}}Average LLM request duration for {{applicationname.name}} " +
                        "in prod is {{value}} s, above 5 s.{{/is_warning}}",
                    "{{#is_recovery}}Average LLM request duration is back to normal.{{/is_recovery}}",
                    "Look at: the Avg Request Duration and Requests widgets, " +
                        "then Avg Cost by Models for the model behind it",
                    `Dashboard: ${DASHBOARD_URL}?tpl_var_environment=prod`,
                    "@slack-llm-alerts @sre@example.com",
                ].join("\n"),
                tags: ["service:doku", "env:prod"],
                priority: "3",
                monitorThresholds: { critical: "10", warning: "5" },
                notifyNoData: false,
                renotifyInterval: 60,
                includeTags: true,
                requireFullWindow: false,
            });
            expect(inputsByName["tokens-per-request"].query).toBe(
                "avg(last_5m):avg:doku.llm.total.tokens{environment:prod} by {applicationname} > 1000",
            );
            expect(inputsByName["tokens-per-request"].monitorThresholds).toEqual({ critical: "1000", warning: "800" });
            expect(inputsByName["telemetry-silence"]).toMatchObject({
                name: "[Doku] No LLM telemetry (prod)",
                query: "sum(last_30m):count:doku.llm.request.duration{environment:prod}.as_count() < 1",
                monitorThresholds: { critical: "1" },
                notifyNoData: true,
                noDataTimeframe: 30,
            });
            expect(inputsByName["telemetry-silence"].message).toContain(
                "No LLM request telemetry from prod for 30 minutes.",
            );
        },
    );

    it("the silence monitor's page says what happened in the No Data state telemetry loss puts it in", async () => {
        const silence = byName(await monitors({ silenceMinutes: 45 }))["telemetry-silence"];
        expect(silence.notifyNoData).toBe(true);
        const blocks = [...String(silence.message).matchAll(/\{\{#(is_\w+)\}\}(.*?)\{\{\/\1\}\}/g)].map(
            ([, tag, text]) => [tag, text],
        );
        expect(blocks).toEqual([
            [
                "is_no_data",
                "No LLM request telemetry from prod for 45 minutes: " +
                    "no doku.llm.request.duration point reached Datadog.",
            ],
            ["is_alert", "No LLM request telemetry from prod for 45 minutes."],
            ["is_recovery", "LLM telemetry from prod is flowing again."],
        ]);
    });

    it("budgets add the hourly and daily spend monitors, warning at the ratio", async () => {
        const inputsByName = byName(await monitors({ hourlyBudget: 25, dailyBudget: 400, budgetWarningRatio: 0.75 }));
        expect(Object.keys(inputsByName)).toEqual([
            "request-duration",
            "hourly-spend",
            "daily-spend",
            "tokens-per-request",
            "telemetry-silence",
        ]);
        expect(inputsByName["hourly-spend"].query).toBe(
            "sum(last_1h):sum:doku.llm.usage.cost{environment:prod} by {applicationname} > 25",
        );
        expect(inputsByName["hourly-spend"].monitorThresholds).toEqual({ critical: "25", warning: "18.75" });
        expect(inputsByName["daily-spend"].query).toBe(
            "sum(last_1d):sum:doku.llm.usage.cost{environment:prod} by {applicationname} > 400",
        );
        expect(inputsByName["daily-spend"].monitorThresholds).toEqual({ critical: "400", warning: "300" });
        expect(inputsByName["daily-spend"].message).toContain(
            "LLM spend over the last day for {{applicationname.name}} in prod is {{value}} USD, above 400 USD.",
        );
    });

    it("per-stack thresholds, silence window, renotify and priority", async () => {
        const inputsByName = byName(
            await monitors({
                environment: "dev",
                latencyWarningSeconds: 2,
                latencyCriticalSeconds: 3.5,
                silenceMinutes: 90,
                renotifyMinutes: 0,
                monitorPriority: 5,
            }),
        );
        expect(inputsByName["request-duration"].query).toBe(
            "avg(last_5m):avg:doku.llm.request.duration{environment:dev} by {applicationname} > 3.5",
        );
        expect(inputsByName["request-duration"].monitorThresholds).toEqual({ critical: "3.5", warning: "2" });
        expect(inputsByName["request-duration"].renotifyInterval).toBe(0);
        expect(inputsByName["request-duration"].priority).toBe("5");
        expect(inputsByName["telemetry-silence"].query).toBe(
            "sum(last_90m):count:doku.llm.request.duration{environment:dev}.as_count() < 1",
        );
        expect(inputsByName["telemetry-silence"].tags).toEqual(["service:doku", "env:dev"]);
    });

    it("every monitor's JSON is a valid Datadog Monitor and its query parses, threshold = critical", async () => {
        const mocks = await monitors({ hourlyBudget: 10, dailyBudget: 100, notify: ["@pagerduty-ops"] });
        const all = mocks.ofType(MONITOR);
        expect(all).toHaveLength(5);
        for (const monitor of all) {
            const json: any = exportMonitor(monitor.inputs);
            expect(modelProblems(json, "Monitor", monitor.name)).toEqual([]);
            const query = parseQuery(json.query);
            expect(query.threshold).toBe(json.options.thresholds.critical);
            expect(query.scope).toBe("environment:prod");
            expect(query.metric).toMatch(/^doku\.llm\./);
            if (monitor.name !== "llm-telemetry-silence") {
                expect(query.groupBy).toBe("applicationname");
                expect(query.comparator).toBe(">");
                expect(json.options.thresholds.warning).toBeLessThan(json.options.thresholds.critical);
            }
        }
    });

    it("the model check catches what Datadog would reject", () => {
        const json: any = exportMonitor({
            name: "x",
            type: "query alert",
            query: "q",
            message: "m",
            priority: "3",
            monitorThresholds: { critical: "1" },
        });
        expect(modelProblems({ ...json, type: "metric alarm" }, "Monitor")).toEqual([
            '$.type: not a valid value for the model ("metric alarm")',
        ]);
        expect(modelProblems({ ...json, options: { ...json.options, bogus: 1 } }, "Monitor")).toEqual([
            "$.options.bogus: unknown property of MonitorOptions",
        ]);
        expect(() =>
            exportMonitor({ name: "x", query: "q", message: "m", type: "query alert", escalationMessage: "e" } as any),
        ).toThrow('exportMonitor: unknown field "escalationMessage"; the exporter refuses to drop it');
    });

    it("no environment: named args.environment, with what is expected (no zod wording)", async () => {
        const mocks = mockStack({});
        expect(() => new LlmMonitors("m", { notify: ["@x"] } as unknown as LlmMonitorsArgs)).toThrow(
            new Error(
                'doku:monitors:LlmMonitors "m": invalid arguments:\n' +
                    "  - args.environment: missing; expected a tag value such as prod (letters, digits, _ . -)",
            ),
        );
        await settle(mocks);
        expect(mocks.resources.map((resource) => resource.type)).toEqual(["doku:monitors:LlmMonitors"]);
    });

    it("bad thresholds and handles: every problem, naming the argument, before any monitor", async () => {
        const mocks = mockStack({});
        expect(
            () =>
                new LlmMonitors("llm", {
                    environment: "prod",
                    latencyCriticalSeconds: -1,
                    tokensWarning: 2000,
                    notify: ["slack-llm"],
                    hourlyBudget: 0,
                }),
        ).toThrow(
            [
                'doku:monitors:LlmMonitors "llm": invalid arguments:',
                "  - args.latencyCriticalSeconds: got -1; expected a number greater than 0",
                "  - args.hourlyBudget: got 0; expected a number greater than 0",
                '  - args.notify[0]: got "slack-llm"; expected a notification handle such as @slack-llm-alerts ' +
                    "or @someone@example.com",
                "  - args.latencyWarningSeconds: got 5; expected less than args.latencyCriticalSeconds (-1)",
                "  - args.tokensWarning: got 2000; expected less than args.tokensCritical (1000)",
            ].join("\n"),
        );
        await settle(mocks);
        expect(mocks.ofType(MONITOR)).toHaveLength(0);
    });
});

describe("metric metadata", () => {
    it("gives the five doku.llm metrics their type, unit, short name and description", async () => {
        const mocks = mockStack({});
        new LlmMetricMetadata("metrics");
        await settle(mocks);
        expect(
            mocks
                .ofType("datadog:index/metricMetadata:MetricMetadata")
                .map((resource) => [
                    resource.inputs.metric,
                    resource.inputs.type,
                    resource.inputs.unit,
                    resource.parent,
                ]),
        ).toEqual([
            ["doku.llm.request.duration", "gauge", "second", "metrics"],
            ["doku.llm.prompt.tokens", "gauge", "token", "metrics"],
            ["doku.llm.completion.tokens", "gauge", "token", "metrics"],
            ["doku.llm.total.tokens", "gauge", "token", "metrics"],
            ["doku.llm.usage.cost", "gauge", "dollar", "metrics"],
        ]);
        for (const metadata of mocks.ofType("datadog:index/metricMetadata:MetricMetadata")) {
            expect(metadata.inputs.shortName).toMatch(/^LLM /);
            expect(metadata.inputs.description.length).toBeGreaterThan(10);
        }
    });
});

describe("the monitor summary widget", () => {
    it("comes after the reference widgets and validates; without it the dashboard is the reference", () => {
        const withSummary: any = exportDashboard(
            llmMonitoringDashboard({ monitorSummaryQuery: 'tag:"service:doku" tag:"env:prod"' }),
        );
        expect(withSummary.widgets).toHaveLength(18);
        expect(withSummary.widgets[17]).toEqual({
            definition: {
                type: "manage_status",
                title: "LLM Monitors",
                title_size: "16",
                title_align: "left",
                query: 'tag:"service:doku" tag:"env:prod"',
                summary_type: "monitors",
                display_format: "countsAndList",
                color_preference: "text",
                hide_zero_counts: true,
                show_last_triggered: false,
                show_priority: true,
                sort: "status,asc",
            },
            layout: { x: 0, y: 19, width: 12, height: 4 },
        });
        expect(dashboardProblems(withSummary)).toEqual([]);
        expect(exportDashboard(llmMonitoringDashboard()).widgets).toHaveLength(17);
    });

    it("DokuObservability adds it with monitors on and leaves it out with monitors off", async () => {
        for (const [monitorsOn, widgets, monitorCount] of [
            ["true", 18, 3],
            ["false", 17, 0],
        ] as const) {
            const config = stackConfig({ "doku:monitors": monitorsOn, "doku:environment": "staging" });
            const mocks = mockCluster(undefined, config);
            const doku = new DokuObservability("doku", loadConfig());
            await resolve(doku.dashboardUrl);
            await settle(mocks);
            const dashboard = mocks.get("datadog:index/dashboard:Dashboard", "doku-llm-monitoring-dashboard").inputs;
            expect(dashboard.widgets).toHaveLength(widgets);
            expect(mocks.ofType(MONITOR)).toHaveLength(monitorCount);
            // Metric metadata has its own switch (doku:metricMetadata, off by default): test/observability.test.ts.
            expect(mocks.ofType("datadog:index/metricMetadata:MetricMetadata")).toHaveLength(0);
            if (monitorsOn === "true") {
                expect(dashboard.widgets[17].manageStatusDefinition.query).toBe('tag:"service:doku" tag:"env:staging"');
                const url = await resolve(doku.dashboardUrl);
                expect(mocks.get(MONITOR, "doku-monitors-request-duration").inputs.message).toContain(
                    `Dashboard: ${url}?tpl_var_environment=staging`,
                );
            }
        }
    });
});
