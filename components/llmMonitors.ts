import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_KEYS } from "../config/keys";
import { LlmMonitorOptions, llmMonitors, monitorFieldProblems, monitorRuleProblems } from "../monitors/llmMonitors";
import { throwIfInvalid } from "./validation";

export interface LlmMonitorsArgs extends LlmMonitorOptions {
    /** Environment the monitors watch (`environment:<name>`) and are tagged with (`env:<name>`). Required. */
    readonly environment: string;
    /** Dashboard linked from every message. Default: none. */
    readonly dashboardUrl?: pulumi.Input<string>;
    /** Metric prefix. Default: `doku.llm`. */
    readonly metricPrefix?: string;
}

const TYPE = "doku:monitors:LlmMonitors";

/**
 * Datadog monitors for LLM latency, spend, tokens per request and telemetry
 * silence, scoped to one environment and grouped by application.
 */
export class LlmMonitors extends pulumi.ComponentResource {
    /** Monitors by key: request-duration, hourly-spend, daily-spend, tokens-per-request, telemetry-silence. */
    readonly monitors: Record<string, datadog.Monitor>;
    readonly monitorIds: pulumi.Output<string[]>;

    constructor(name: string, args: LlmMonitorsArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const { environment, dashboardUrl, metricPrefix, ...options } = args;
        const problems = [...monitorFieldProblems(options, "args."), ...monitorRuleProblems(options, "args.")];
        const env = CONFIG_KEYS.environment.schema.safeParse(environment);
        if (!env.success) problems.unshift(`args.environment: got ${JSON.stringify(environment)}; ${env.error.issues[0].message}`);
        throwIfInvalid(TYPE, name, problems);

        this.monitors = {};
        for (const spec of llmMonitors({ environment, dashboardUrl, metricPrefix }, options)) {
            this.monitors[spec.key] = new datadog.Monitor(`${name}-${spec.key}`, spec.args, { parent: this });
        }
        this.monitorIds = pulumi.all(Object.values(this.monitors).map((m) => m.id));
        this.registerOutputs({ monitorIds: this.monitorIds });
    }
}
