import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { LlmMonitoringDashboard } from "../components/llmMonitoringDashboard";
import { exportDashboard } from "../dashboards/export";
import { LlmMonitoringOptions, llmMonitoringDashboard, validateOptions } from "../dashboards/llmMonitoring";
import { DATADOG_SITES } from "../datadog/sites";
import { dashboardProblems } from "./support/datadogModels";
import { jsonDiff } from "./support/jsonDiff";
import { mockStack, resolve, settle } from "./support/pulumi";

const REFERENCE = JSON.parse(
    fs.readFileSync(path.join(__dirname, "fixtures", "doku-llm-monitoring.dashboard.json"), "utf8"),
);
const DASHBOARD = "datadog:index/dashboard:Dashboard";

/**
 * @pulumi/datadog's typed toplist display block has only `type`, yet the
 * reference's `legend: "automatic"` is what Datadog receives: for a stacked
 * display the provider sends it itself (DataDog/terraform-provider-datadog,
 * datadog/resource_datadog_dashboard.go, buildDatadogToplistStyle), and the
 * export does the same. So the only fields the typed dashboard does not carry
 * are the widget ids, which Datadog assigns.
 */
function withoutIds(dashboard: any): any {
    return { ...dashboard, widgets: dashboard.widgets.map(({ id: _id, ...widget }: any) => widget) };
}

const CUSTOM: LlmMonitoringOptions = {
    title: "LLM (prod)",
    description: "Prod LLM apps",
    logoUrl: "https://example.com/logo.png",
    hostTag: "doku-prod",
    metricPrefix: "llm.doku",
    requestDurationThreshold: 4.5,
    tokenThreshold: 2500,
    topModels: 10,
    extraTemplateVariables: ["model", "platform"],
    templateVariableDefaults: { environment: "prod", model: "gpt-4o" },
    notifyList: ["sre@example.com"],
};

describe("golden: the default dashboard is the reference", () => {
    it("equals the reference in every field but the widget ids", () => {
        const exported = exportDashboard(llmMonitoringDashboard());
        expect(jsonDiff(exported, withoutIds(REFERENCE))).toEqual([]);
    });

    it("has the reference's 17 widgets in order, with its layout", () => {
        const exported: any = exportDashboard(llmMonitoringDashboard());
        expect(
            exported.widgets.map((widget: any) => [widget.definition.type, widget.definition.title, widget.layout]),
        ).toEqual(
            REFERENCE.widgets.map((widget: any) => [widget.definition.type, widget.definition.title, widget.layout]),
        );
        expect(exported.widgets).toHaveLength(17);
    });

    it("the golden comparison does fail on a difference, naming its path", () => {
        const changed = exportDashboard(llmMonitoringDashboard({ requestDurationThreshold: 11 }));
        expect(jsonDiff(changed, withoutIds(REFERENCE))).toEqual([
            "$.widgets[1].definition.requests[0].conditional_formats[0].value: expected 10, got 11",
            "$.widgets[1].definition.requests[0].conditional_formats[1].value: expected 10, got 11",
        ]);
    });
});

describe("validated by @datadog/datadog-api-client's v1 models", () => {
    it("the default and a heavily customised dashboard deserialize with nothing unparsed or unknown", () => {
        expect(dashboardProblems(exportDashboard(llmMonitoringDashboard()))).toEqual([]);
        expect(dashboardProblems(exportDashboard(llmMonitoringDashboard(CUSTOM)))).toEqual([]);
        expect(dashboardProblems(withoutIds(REFERENCE))).toEqual([]);
    });

    it("the validation names the widget and field it rejects", () => {
        const bad: any = exportDashboard(llmMonitoringDashboard());
        bad.widgets[2].definition.requests[0].bogus = 1;
        bad.widgets[5].definition.requests[0].display_type = "sparkles";
        expect(dashboardProblems(bad)).toEqual([
            'widgets[2] "Avg Total Tokens".definition.requests[0].bogus: unknown property of QueryValueWidgetRequest',
            'widgets[5] "Requests".definition.requests[0].displayType: not a valid value for the model ("sparkles")',
        ]);
    });
});

describe("export fails loudly on what it does not know", () => {
    const base = () => llmMonitoringDashboard();
    it("an unknown widget type", () => {
        const dashboard = base();
        dashboard.widgets.push({
            noteDefinition: { content: "hi" },
            widgetLayout: { x: 0, y: 20, width: 2, height: 2 },
        });
        expect(() => exportDashboard(dashboard)).toThrow(
            "exportDashboard: a widget type at dashboard.widgets[17].noteDefinition; " +
                "the exporter does not know it, so it refuses to drop it",
        );
    });
    it("an unknown field", () => {
        const dashboard = base();
        (dashboard.widgets[1].queryValueDefinition as any).customLinks = [{ label: "x", link: "https://x" }];
        expect(() => exportDashboard(dashboard)).toThrow(
            'unknown field "customLinks" in query_value at dashboard.widgets[1].queryValueDefinition.customLinks',
        );
    });
    it("a query kind it cannot map", () => {
        const dashboard = base();
        (dashboard.widgets[1].queryValueDefinition as any).requests[0].queries = [{ eventQuery: { name: "q" } }];
        expect(() => exportDashboard(dashboard)).toThrow(
            'query kind "eventQuery" at dashboard.widgets[1].queryValueDefinition.requests[0].queries[0]',
        );
    });
    it("an Output where a plain value is needed", () => {
        const dashboard = base();
        dashboard.title = pulumi.output("late");
        expect(() => exportDashboard(dashboard)).toThrow(
            "a pulumi Output (the definition must hold plain values) at dashboard.title",
        );
    });
});

describe("options change exactly what they should", () => {
    const exported = (options: LlmMonitoringOptions): any => exportDashboard(llmMonitoringDashboard(options));

    it("thresholds move the conditional formats and nothing else", () => {
        const dashboard = exported({ requestDurationThreshold: 3, tokenThreshold: 500 });
        const formats = (widgetIndex: number) =>
            dashboard.widgets[widgetIndex].definition.requests[0].conditional_formats?.map(
                (format: any) => format.value,
            );
        expect(formats(1)).toEqual([3, 3]);
        for (const widgetIndex of [2, 10, 12]) expect(formats(widgetIndex)).toEqual([500, 500]);
        expect(formats(3)).toEqual([0]);
        expect(
            jsonDiff(dashboard, withoutIds(REFERENCE)).filter((line) => !line.includes("conditional_formats")),
        ).toEqual([]);
    });

    it("an extra template variable appears in every query filter, log filter and the variable list", () => {
        const dashboard = exported({ extraTemplateVariables: ["model"] });
        const metricQueries: string[] = dashboard.widgets.flatMap((widget: any) =>
            (widget.definition.requests ?? []).flatMap((request: any) =>
                (request.queries ?? []).map((query: any) => query.query),
            ),
        );
        expect(metricQueries).toHaveLength(15);
        for (const query of metricQueries)
            expect(query).toMatch(/\{host:doku,\$applicationname,\$environment,\$model\}/);
        expect(dashboard.widgets[15].definition.requests[0].query.query_string).toBe(
            "host:doku type:prompt $applicationname $environment $model",
        );
        expect(dashboard.widgets[16].definition.requests[0].query.query_string).toBe(
            "host:doku $applicationname type:(response OR image) $environment $model",
        );
        expect(dashboard.template_variables.map((variable: any) => variable.name)).toEqual([
            "applicationname",
            "environment",
            "model",
        ]);
    });

    it("defaults per variable, title, description, logo, host tag, prefix, toplist size and notify list", () => {
        const dashboard = exported(CUSTOM);
        expect(dashboard.template_variables).toEqual([
            { name: "applicationname", prefix: "applicationname", available_values: [], default: "*" },
            { name: "environment", prefix: "environment", available_values: [], default: "prod" },
            { name: "model", prefix: "model", available_values: [], default: "gpt-4o" },
            { name: "platform", prefix: "platform", available_values: [], default: "*" },
        ]);
        expect([dashboard.title, dashboard.description, dashboard.notify_list]).toEqual([
            "LLM (prod)",
            "Prod LLM apps",
            ["sre@example.com"],
        ]);
        expect(dashboard.widgets[0].definition.url).toBe("https://example.com/logo.png");
        expect(dashboard.widgets[1].definition.requests[0].queries[0].query).toBe(
            "avg:llm.doku.request.duration{host:doku-prod,$applicationname,$environment,$model,$platform}",
        );
        expect(dashboard.widgets[13].definition.requests[0].formulas[0].limit).toEqual({ count: 10, order: "desc" });
        expect(dashboard.widgets[15].definition.requests[0].query.query_string).toBe(
            "host:doku-prod type:prompt $applicationname $environment $model $platform",
        );
    });

    it("invalid options: every problem, naming the option, before anything is built", () => {
        expect(() =>
            llmMonitoringDashboard({
                requestDurationThreshold: -1,
                topModels: 0,
                extraTemplateVariables: ["environment"],
                templateVariableDefaults: { model: "x" },
                logoUrl: "ftp://x",
                bogus: true,
            } as any),
        ).toThrow(
            [
                "Invalid dashboard options:",
                '  - options.logoUrl: got "ftp://x"; expected an http:// or https:// URL',
                "  - options.requestDurationThreshold: got -1; expected a number greater than 0",
                "  - options.topModels: got 0; expected an integer from 1 to 100",
                '  - options.extraTemplateVariables: got ["environment"]; ' +
                    "expected names other than applicationname and environment",
                "  - options.bogus: unknown option",
            ].join("\n"),
        );
    });

    it("a default for a variable no list declares is refused, naming the variables that exist", () => {
        expect(() =>
            llmMonitoringDashboard({ extraTemplateVariables: ["platform"], templateVariableDefaults: { model: "x" } }),
        ).toThrow(
            "Invalid dashboard options:\n" +
                '  - options.templateVariableDefaults: got a default for "model"; ' +
                "expected one of applicationname, environment, platform",
        );
    });

    it("a bad extraTemplateVariables entry is reported once, without a second error about its defaults", () => {
        expect(
            validateOptions({ extraTemplateVariables: ["Model"], templateVariableDefaults: { Model: "gpt-4o" } }),
        ).toEqual([
            'options.extraTemplateVariables[0]: got "Model"; expected a lower-case Datadog tag key such as model',
        ]);
    });
});

describe("LlmMonitoringDashboard under mocks", () => {
    it(
        "registers one datadog.Dashboard with all 17 widgets and both template variables, " +
            "parented to the component",
        async () => {
            const mocks = mockStack({});
            const component = new LlmMonitoringDashboard("llm", {});
            await resolve(component.dashboardUrl);
            await settle(mocks);
            expect(mocks.resources.map((resource) => [resource.type, resource.name, resource.parent])).toEqual([
                ["doku:dashboards:LlmMonitoringDashboard", "llm", null],
                [DASHBOARD, "llm-dashboard", "llm"],
            ]);
            const inputs = mocks.get(DASHBOARD, "llm-dashboard").inputs;
            expect(inputs.widgets).toHaveLength(17);
            expect(inputs.templateVariables.map((variable: any) => variable.name)).toEqual([
                "applicationname",
                "environment",
            ]);
            expect(exportDashboard(inputs as any)).toEqual(exportDashboard(component.definition));
        },
    );

    it("options reach the registered inputs", async () => {
        const mocks = mockStack({});
        new LlmMonitoringDashboard("llm", { tokenThreshold: 42, extraTemplateVariables: ["model"] });
        await settle(mocks);
        const inputs = mocks.get(DASHBOARD, "llm-dashboard").inputs;
        expect(
            inputs.widgets[2].queryValueDefinition.requests[0].conditionalFormats.map((format: any) => format.value),
        ).toEqual([42, 42]);
        expect(inputs.templateVariables).toHaveLength(3);
    });

    const expectedUrl: Record<string, string> = {
        "datadoghq.com": "https://app.datadoghq.com/dashboard/",
        "us3.datadoghq.com": "https://us3.datadoghq.com/dashboard/",
        "us5.datadoghq.com": "https://us5.datadoghq.com/dashboard/",
        "datadoghq.eu": "https://app.datadoghq.eu/dashboard/",
        "ap1.datadoghq.com": "https://ap1.datadoghq.com/dashboard/",
        "ap2.datadoghq.com": "https://ap2.datadoghq.com/dashboard/",
        "ddog-gov.com": "https://app.ddog-gov.com/dashboard/",
    };
    it("covers every site", () => expect(Object.keys(expectedUrl)).toEqual([...DATADOG_SITES]));
    it.each(Object.entries(expectedUrl))("the URL on %s is %s<id>", async (site, prefix) => {
        mockStack({});
        const component = new LlmMonitoringDashboard("llm", { datadogSite: site as any });
        const id = await resolve(component.dashboardId);
        expect(id).toMatch(/^mck-/);
        expect(await resolve(component.dashboardUrl)).toBe(`${prefix}${id}`);
    });

    it("bad arguments throw before anything is registered", async () => {
        const mocks = mockStack({});
        expect(
            () => new LlmMonitoringDashboard("llm", { datadogSite: "datadoghq.co.uk" as any, topModels: 1.5 }),
        ).toThrow(
            'doku:dashboards:LlmMonitoringDashboard "llm": invalid arguments:\n' +
                "  - args.topModels: got 1.5; expected an integer from 1 to 100\n" +
                '  - args.datadogSite: got "datadoghq.co.uk"; expected one of datadoghq.com, us3.datadoghq.com, ' +
                "us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, ddog-gov.com",
        );
        await settle(mocks);
        expect(mocks.resources.filter((resource) => resource.type === DASHBOARD)).toHaveLength(0);
    });
});
