/** @file DatadogConnection: the ingester's connection to a Datadog site (metrics and logs intake). */
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_DEFAULTS } from "../config/defaults";
import { CONFIG_KEYS } from "../config/keys";
import { secretProblem } from "../config/problems";
import { DatadogSite, datadogIntakeUrls, siteProblem } from "../datadog/sites";
import { UNKNOWN, connectionFailures } from "../ingester/connectionRules";
import { DokuConnection } from "../ingester/connectionProvider";
import { FieldsOf, argsProblem, shapeProblems } from "./argumentShape";
import { plainValue, throwIfInvalid } from "./validation";

/**
 * Arguments of `DatadogConnection`: the ingester to configure, a Doku API key it accepts, and the Datadog
 * site and API key its telemetry goes to. Both keys are wrapped as secrets.
 */
export interface DatadogConnectionArgs {
    /** Base URL of the ingester. */
    readonly ingesterUrl: pulumi.Input<string>;
    /** Doku API key (secret). */
    readonly dokuApiKey: pulumi.Input<string>;
    /** Datadog site. Default: `datadoghq.com`. */
    readonly datadogSite?: pulumi.Input<DatadogSite>;
    /** Datadog API key the ingester sends with (secret). */
    readonly datadogApiKey: pulumi.Input<string>;
    /** How long to wait for the ingester to be ready. Default: 300. */
    readonly readinessTimeoutSeconds?: pulumi.Input<number>;
}

/** The fields of DatadogConnectionArgs (the compiler keeps them equal to the interface's keys). */
const CONNECTION_FIELDS: FieldsOf<DatadogConnectionArgs> = {
    ingesterUrl: "value",
    dokuApiKey: "value",
    datadogSite: "value",
    datadogApiKey: "value",
    readinessTimeoutSeconds: "value",
};

const TYPE = "doku:ingester:DatadogConnection";

/** A value to judge now, or the provider's placeholder for one known later (an Output or a promise). */
const judged = (input: unknown): unknown =>
    pulumi.Output.isInstance(input) || input instanceof Promise ? UNKNOWN : input;

/**
 * Every problem with a DatadogConnection's arguments. The ingester URL and the readiness timeout are judged by
 * the connection provider's own rules (ingester/connectionRules.ts, connectionFailures: the http(s) URL rule of
 * config/httpUrl.ts without credentials, an integer from 1 to 3600), here before anything is registered; the
 * keys by their `doku:` keys' schemas, never shown.
 */
function connectionProblems(args: DatadogConnectionArgs): string[] {
    const notAnObject = argsProblem(args, "an object with ingesterUrl, dokuApiKey and datadogApiKey");
    if (notAnObject !== undefined) return [notAnObject];
    const problems = shapeProblems(args, CONNECTION_FIELDS, "args");
    const failures = connectionFailures({
        ingesterUrl: judged(args.ingesterUrl),
        readinessTimeoutSeconds: judged(args.readinessTimeoutSeconds),
        // Judged below, by the key schemas; the intake URLs are derived from the site.
        platform: "datadog",
        dokuApiKey: UNKNOWN,
        apiKey: UNKNOWN,
        metricsUrl: UNKNOWN,
        logsUrl: UNKNOWN,
    });
    problems.push(...failures.map((failure) => `args.${failure.property}: ${failure.reason}`));
    const site = plainValue(args.datadogSite);
    const badSite = site === undefined ? undefined : siteProblem("args.datadogSite", site);
    if (badSite !== undefined) problems.push(badSite);
    for (const [key, schema, what] of [
        ["dokuApiKey", CONFIG_KEYS.apiKey.schema, "the Doku API key the ingester authenticates with"],
        ["datadogApiKey", CONFIG_KEYS.datadogApiKey.schema, "the Datadog API key the ingester sends with"],
    ] as const) {
        const problem =
            args[key] === undefined
                ? `args.${key}: missing; required (${what})`
                : secretProblem(`args.${key}`, args[key], schema);
        if (problem !== undefined) problems.push(problem);
    }
    return problems;
}

/**
 * Each component's connection resource. A getter over this map, not a property: the component-package
 * analyzer (@pulumi/pulumi provider/experimental/analyzer.js, analyzeSymbols) treats every class property
 * as an output, and it can only reference resources of @pulumi/* packages.
 */
const CONNECTIONS = new WeakMap<DatadogConnection, DokuConnection>();

/** Registers the ingester's Datadog connection with the site's metrics and logs intake URLs. */
export class DatadogConnection extends pulumi.ComponentResource {
    /** The site's metrics intake URL the connection posts to. */
    readonly metricsUrl: pulumi.Output<string>;
    /** The site's logs intake URL the connection posts to. */
    readonly logsUrl: pulumi.Output<string>;
    /** The connection resource (a dynamic resource talking to the ingester's API). */
    get connection(): DokuConnection {
        return CONNECTIONS.get(this)!;
    }

    constructor(name: string, args: DatadogConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        throwIfInvalid(TYPE, name, connectionProblems(args));

        const urls = pulumi.output(args.datadogSite ?? CONFIG_DEFAULTS.datadogSite).apply(datadogIntakeUrls);
        this.metricsUrl = urls.metricsUrl;
        this.logsUrl = urls.logsUrl;
        const connection = new DokuConnection(
            `${name}-connection`,
            {
                ingesterUrl: args.ingesterUrl,
                dokuApiKey: args.dokuApiKey,
                platform: "datadog",
                metricsUrl: this.metricsUrl,
                logsUrl: this.logsUrl,
                apiKey: args.datadogApiKey,
                readinessTimeoutSeconds: args.readinessTimeoutSeconds,
            },
            { parent: this },
        );
        CONNECTIONS.set(this, connection);
        this.registerOutputs({ metricsUrl: this.metricsUrl, logsUrl: this.logsUrl });
    }
}
