/**
 * @file The ingester side of the program (DokuObservability without the Datadog provider's resources, whose
 * plugin the Go module proxy does not serve): an external ingester, the bootstrapped Doku API key and the Datadog
 * connection, wired as components/dokuObservability.ts wires them, with the same names and config keys.
 */
import * as pulumi from "@pulumi/pulumi";
import { DatadogConnection, DokuApiKey, DokuIngester } from "../../../lib";
import { argumentNaming } from "../../../config/crossRules";
import { keysUrl } from "../../../config/plainHttp";

/** The dynamic resources' types, as the engine names them. */
export const API_KEY = "pulumi-nodejs:dynamic/doku:DokuApiKey";
/** The connection's type. */
export const CONNECTION = "pulumi-nodejs:dynamic/doku:DokuConnection";

/** The program: reads `doku:ingesterUrl`, `doku:datadogApiKey` and `doku:apiKey` as the real program does. */
export async function ingesterProgram(): Promise<Record<string, unknown>> {
    const config = new pulumi.Config("doku");
    const apiKey = config.getSecret("apiKey");
    const ingester = new DokuIngester("doku-ingester", {
        target: "external",
        ingesterUrl: config.require("ingesterUrl"),
    });
    // The URL the keys are sent to, through the plain-HTTP rule, as DokuObservability gives it (loopback here).
    const toKeys = keysUrl(ingester.managementUrl, undefined, false, argumentNaming());
    const key = new DokuApiKey(
        "doku-api-key",
        {
            ingesterUrl: toKeys,
            name: "pulumi",
            ...(apiKey === undefined ? {} : { existingKey: apiKey }),
        },
        { dependsOn: [ingester] },
    );
    const dokuApiKey = pulumi.secret(key.key);
    new DatadogConnection(
        "doku-datadog",
        {
            ingesterUrl: toKeys,
            dokuApiKey,
            datadogSite: "datadoghq.com",
            datadogApiKey: config.requireSecret("datadogApiKey"),
        },
        { dependsOn: [ingester, key] },
    );
    return { ingesterUrl: ingester.url, dokuApiKey };
}
