/** @file DatadogConnection: the ingester's connection to a Datadog site (metrics and logs intake). */
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_DEFAULTS } from "../config/defaults";
import { DatadogSite, datadogIntakeUrls, siteProblem } from "../datadog/sites";
import { DokuConnection } from "../ingester/connectionProvider";
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

const TYPE = "doku:ingester:DatadogConnection";

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
        const site = plainValue(args.datadogSite);
        const badSite = site === undefined ? undefined : siteProblem("args.datadogSite", site);
        throwIfInvalid(TYPE, name, badSite === undefined ? [] : [badSite]);

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
