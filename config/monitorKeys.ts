import { z } from "zod";
import { bool, positiveUpTo } from "./schemas";
import type { KeySpec } from "./keySpec";

/** The `doku:` keys of the monitors (part of CONFIG_KEYS; see keys.ts): rules, defaults, docs. */
export const MONITOR_KEYS = {
    monitors: {
        kind: "boolean",
        default: true,
        description: "Create the LLM monitors (latency, spend, tokens, silence).",
        schema: bool,
    },
    // Datadog answers 404 "metric_name not found" when metadata is created for a metric it has never
    // received (DataDog/terraform-provider-datadog#918, open; "nothing we can do in Terraform").
    metricMetadata: {
        kind: "boolean",
        default: false,
        description:
            "Create the Datadog metric metadata (units, descriptions) of the doku.llm metrics; " +
            "turn it on once telemetry flows (Datadog answers 404 for a metric it has never received).",
        schema: bool,
    },
    dashboardMonitorSummary: {
        kind: "boolean",
        default: true,
        description: "With monitors on, add a monitor summary widget after the reference widgets.",
        schema: bool,
    },
    notify: {
        kind: "array",
        default: [] as string[],
        description: "Who the monitors notify, e.g. [@slack-llm-alerts, @pagerduty-ops, @sre@example.com].",
        schema: z.array(
            z
                .string()
                .regex(
                    /^@[A-Za-z0-9_.+-]+(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?$/,
                    "expected a notification handle such as @slack-llm-alerts or @someone@example.com",
                ),
            { error: "expected a list of handles" },
        ),
    },
    latencyWarningSeconds: {
        kind: "number",
        default: 5,
        description: "Average request duration (seconds) at which the latency monitor warns.",
        schema: positiveUpTo(3600, "seconds"),
    },
    latencyCriticalSeconds: {
        kind: "number",
        default: 10,
        description: "Average request duration (seconds) at which the latency monitor alerts.",
        schema: positiveUpTo(3600, "seconds"),
    },
    tokensWarning: {
        kind: "number",
        default: 800,
        description: "Average total tokens per request at which the tokens monitor warns.",
        schema: positiveUpTo(10_000_000, "tokens"),
    },
    tokensCritical: {
        kind: "number",
        default: 1000,
        description: "Average total tokens per request at which the tokens monitor alerts.",
        schema: positiveUpTo(10_000_000, "tokens"),
    },
    hourlyBudget: {
        kind: "number",
        description: "USD per application per hour; above it the hourly spend monitor alerts (no monitor when unset).",
        schema: positiveUpTo(1_000_000, "USD"),
    },
    dailyBudget: {
        kind: "number",
        description: "USD per application per day; above it the daily spend monitor alerts (no monitor when unset).",
        schema: positiveUpTo(1_000_000, "USD"),
    },
    budgetWarningRatio: {
        kind: "number",
        default: 0.8,
        description: "Share of a budget at which its spend monitor warns.",
        schema: z.number().gt(0, "expected a number between 0 and 1").lt(1, "expected a number between 0 and 1"),
    },
    silenceMinutes: {
        kind: "integer",
        default: 30,
        description: "Minutes without request telemetry before the silence monitor alerts.",
        schema: z
            .number()
            .int("expected whole minutes from 5 to 1440")
            .min(5, "expected whole minutes from 5 to 1440")
            .max(1440, "expected whole minutes from 5 to 1440"),
    },
    renotifyMinutes: {
        kind: "integer",
        default: 60,
        description: "Minutes between re-notifications while a monitor alerts (0 = never).",
        schema: z
            .number()
            .int("expected whole minutes, 0 or more")
            .min(0, "expected whole minutes, 0 or more")
            .max(10_080, "expected at most 10080 minutes (a week)"),
    },
    monitorPriority: {
        kind: "integer",
        default: 3,
        description: "Priority of the monitors, 1 (highest) to 5.",
        schema: z
            .number()
            .int("expected an integer from 1 to 5")
            .min(1, "expected an integer from 1 to 5")
            .max(5, "expected an integer from 1 to 5"),
    },
} satisfies Record<string, KeySpec>;
