/**
 * @file Units and descriptions of the five metrics the ingester sends
 * (doku-ingester.md, "What the ingester sends to Datadog").
 */

/** One metric's Datadog metadata, as the metric-metadata resource takes it. */
export interface MetricSpec {
    /** Full metric name, e.g. `doku.llm.request.duration`. */
    readonly name: string;
    /** Datadog metric type: every Doku metric is a gauge. */
    readonly type: "gauge";
    /** Datadog canonical unit of one point. */
    readonly unit: "second" | "token" | "dollar";
    /** A shorter, readable name of the metric (Datadog's `short_name`). */
    readonly shortName: string;
    /** What one point measures. */
    readonly description: string;
}

/** The metadata of the five metrics, their names under `prefix` (default `doku.llm`). */
export function llmMetrics(prefix = "doku.llm"): MetricSpec[] {
    const metricSpec = (
        name: string,
        unit: MetricSpec["unit"],
        shortName: string,
        description: string,
    ): MetricSpec => ({
        name: `${prefix}.${name}`,
        type: "gauge",
        unit,
        shortName,
        description,
    });
    return [
        metricSpec(
            "request.duration",
            "second",
            "LLM request duration",
            "Duration of one LLM call as measured by the Doku SDK, in seconds.",
        ),
        metricSpec("prompt.tokens", "token", "LLM prompt tokens", "Tokens in the prompt of one LLM call."),
        metricSpec("completion.tokens", "token", "LLM completion tokens", "Tokens in the completion of one LLM call."),
        metricSpec("total.tokens", "token", "LLM total tokens", "Prompt plus completion tokens of one LLM call."),
        metricSpec(
            "usage.cost",
            "dollar",
            "LLM cost",
            "Cost of one LLM call in US dollars, from the ingester's pricing table.",
        ),
    ];
}
