import * as datadog from "@pulumi/datadog";
import * as pulumi from "@pulumi/pulumi";
import { validateOptions } from "../dashboards/llmMonitoring";
import { llmMetrics } from "../monitors/metricMetadata";
import { FieldsOf, argsProblem, shapeProblems } from "./argumentShape";
import { throwIfInvalid } from "./validation";

/** Arguments of `LlmMetricMetadata`: the prefix of the metrics to describe (optional). */
export interface LlmMetricMetadataArgs {
    /** Metric prefix. Default: `doku.llm`. */
    readonly metricPrefix?: string;
}

/** The fields of LlmMetricMetadataArgs (the compiler keeps them equal to the interface's keys). */
const METADATA_FIELDS: FieldsOf<LlmMetricMetadataArgs> = { metricPrefix: "value" };

const TYPE = "doku:monitors:LlmMetricMetadata";

/** Every problem with LlmMetricMetadata's arguments. */
function metadataProblems(args: LlmMetricMetadataArgs): string[] {
    const notAnObject = argsProblem(args, "an object (every field is optional)");
    if (notAnObject !== undefined) return [notAnObject];
    // The metric prefix rule is the dashboard's (validateOptions), which names the metrics the same way.
    return [
        ...shapeProblems(args, METADATA_FIELDS, "args"),
        ...validateOptions({ metricPrefix: args.metricPrefix }, "args"),
    ];
}

/** Type, unit, short name and description of the five `doku.llm.*` metrics. */
export class LlmMetricMetadata extends pulumi.ComponentResource {
    /** One MetricMetadata resource per metric. */
    readonly metadata: datadog.MetricMetadata[];

    constructor(name: string, args: LlmMetricMetadataArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        throwIfInvalid(TYPE, name, metadataProblems(args));
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
