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
    /** One MetricMetadata resource per metric. */
    readonly metadata: datadog.MetricMetadata[];

    constructor(name: string, args: LlmMetricMetadataArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super("doku:monitors:LlmMetricMetadata", name, {}, opts);
        this.metadata = llmMetrics(args.metricPrefix).map(
            (metric) =>
                new datadog.MetricMetadata(
                    `${name}-${metric.name}`,
                    {
                        metric: metric.name,
                        type: metric.type,
                        unit: metric.unit,
                        shortName: metric.shortName,
                        description: metric.description,
                    },
                    { parent: this },
                ),
        );
        this.registerOutputs({});
    }
}
