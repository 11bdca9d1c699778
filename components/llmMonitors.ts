/** @file LlmMonitors: the Datadog monitors of one environment's LLM telemetry. */
import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_KEYS } from "../config/keys";
import { fieldProblem } from "../config/problems";
import { argumentNaming, monitorRuleProblems } from "../config/crossRules";
import { validateOptions } from "../dashboards/llmMonitoring";
import { LlmMonitorOptions, llmMonitors, monitorFieldProblems } from "../monitors/llmMonitors";
import { MONITOR_OPTION_FIELDS } from "./argumentFields";
import { FieldsOf, argsProblem, shapeProblems } from "./argumentShape";
import { throwIfInvalid } from "./validation";

/** Arguments of `LlmMonitors`: the environment to watch (required) and each monitor's options (optional). */
export interface LlmMonitorsArgs extends LlmMonitorOptions {
    /** Environment the monitors watch (`environment:<name>`) and are tagged with (`env:<name>`). Required. */
    readonly environment: string;
    /** Dashboard linked from every message. Default: none. */
    readonly dashboardUrl?: pulumi.Input<string>;
    /** Metric prefix. Default: `doku.llm`. */
    readonly metricPrefix?: string;
}

/** The fields of LlmMonitorsArgs (the compiler keeps them equal to the interface's keys). */
const MONITORS_FIELDS: FieldsOf<LlmMonitorsArgs> = {
    ...MONITOR_OPTION_FIELDS,
    environment: "value",
    dashboardUrl: "value",
    metricPrefix: "value",
};

const TYPE = "doku:monitors:LlmMonitors";

/** Every problem with LlmMonitors' arguments, each naming `args.<field>`. */
function monitorsProblems(args: LlmMonitorsArgs): string[] {
    const notAnObject = argsProblem(args, "an object with at least environment");
    if (notAnObject !== undefined) return [notAnObject];
    const { environment, dashboardUrl: _dashboardUrl, metricPrefix: _metricPrefix, ...options } = args;
    return [
        ...shapeProblems(args, MONITORS_FIELDS, "args"),
        fieldProblem("args.environment", environment, CONFIG_KEYS.environment.schema),
        ...monitorFieldProblems(options, "args."),
        ...monitorRuleProblems(options, argumentNaming("monitors.")),
        // The metric prefix rule is the dashboard's, which reads the same metrics.
        ...validateOptions({ metricPrefix: args.metricPrefix }, "args"),
    ].filter((problem): problem is string => problem !== undefined);
}

/**
 * Datadog monitors for LLM latency, spend, tokens per request and telemetry
 * silence, scoped to one environment and grouped by application.
 */
export class LlmMonitors extends pulumi.ComponentResource {
    /** Monitors by key: request-duration, hourly-spend, daily-spend, tokens-per-request, telemetry-silence. */
    readonly monitors: Record<string, datadog.Monitor>;
    /** The monitors' ids, in creation order. */
    readonly monitorIds: pulumi.Output<string[]>;

    constructor(name: string, args: LlmMonitorsArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        throwIfInvalid(TYPE, name, monitorsProblems(args));
        const { environment, dashboardUrl, metricPrefix, ...options } = args;

        this.monitors = {};
        for (const spec of llmMonitors({ environment, dashboardUrl, metricPrefix }, options)) {
            this.monitors[spec.key] = new datadog.Monitor(`${name}-${spec.key}`, spec.args, { parent: this });
        }
        this.monitorIds = pulumi.all(Object.values(this.monitors).map((monitor) => monitor.id));
        this.registerOutputs({ monitorIds: this.monitorIds });
    }
}
