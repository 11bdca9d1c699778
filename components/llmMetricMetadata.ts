import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { llmMetrics } from "../monitors/metricMetadata";

/** Arguments of `LlmMetricMetadata`: the prefix of the metrics to describe (optional). */
export interface LlmMetricMetadataArgs {
    /** Metric prefix. Default: `doku.llm`. */
    readonly metricPrefix?: string;
}

/** Type, unit, short name and description of the five `doku.llm.*` metrics. */
export class LlmMetricMetadata extends pulumi.ComponentResource {
    readonly metadata: datadog.MetricMetadata[];

    constructor(name: string, args: LlmMetricMetadataArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("doku:monitors:LlmMetricMetadata", name, {}, opts);
        this.metadata = llmMetrics(args.metricPrefix).map(
            (m) =>
                new datadog.MetricMetadata(
                    `${name}-${m.name}`,
                    {
                        metric: m.name,
                        type: m.type,
                        unit: m.unit,
                        shortName: m.shortName,
                        description: m.description,
                    },
                    { parent: this },
                ),
        );
        this.registerOutputs({});
    }
}
