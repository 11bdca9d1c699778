/**
 * Units and descriptions of the five metrics the ingester sends
 * (doku-ingester.md, "What the ingester sends to Datadog").
 */
export interface MetricSpec {
    readonly name: string;
    readonly type: "gauge";
    readonly unit: "second" | "token" | "dollar";
    readonly shortName: string;
    readonly description: string;
}

export function llmMetrics(prefix = "doku.llm"): MetricSpec[] {
    const m = (name: string, unit: MetricSpec["unit"], shortName: string, description: string): MetricSpec => ({
        name: `${prefix}.${name}`,
        type: "gauge",
        unit,
        shortName,
        description,
    });
    return [
        m(
            "request.duration",
            "second",
            "LLM request duration",
            "Duration of one LLM call as measured by the Doku SDK, in seconds.",
        ),
        m("prompt.tokens", "token", "LLM prompt tokens", "Tokens in the prompt of one LLM call."),
        m("completion.tokens", "token", "LLM completion tokens", "Tokens in the completion of one LLM call."),
        m("total.tokens", "token", "LLM total tokens", "Prompt plus completion tokens of one LLM call."),
        m("usage.cost", "dollar", "LLM cost", "Cost of one LLM call in US dollars, from the ingester's pricing table."),
    ];
}
