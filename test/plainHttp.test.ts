/**
 * @file The Datadog API key and the Doku API key never travel over plain HTTP to another machine unless
 * `doku:allowPlainHttp` (`args.allowPlainHttp`) says so, and then every preview warns "plain HTTP" (issue 23).
 * The shipped stacks do neither: their management URL is https:// or loopback.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { DokuObservability } from "../components/dokuObservability";
import { loadConfig } from "../config/load";
import { InvalidArgumentsError, UserInputError } from "../config/userError";
import { argumentNaming } from "../config/crossRules";
import { keysUrl } from "../config/plainHttp";
import { installMocks } from "../offline/recording";
import { readStackConfig } from "../offline/stackConfig";
import { mockCluster, stackConfig } from "./support/ingester";
import { problems, thrownBy } from "./support/config";
import { resolve, settle } from "./support/pulumi";

const API_KEY = "pulumi-nodejs:dynamic/doku:DokuApiKey";
const ROOT = path.join(__dirname, "..");
const WHAT = "this program would send the Datadog API key and the Doku API key over plain HTTP to";
const ALLOW = "doku:allowPlainHttp: true to accept plain HTTP";
const kube = (extra: Record<string, string>) =>
    stackConfig({ "doku:target": "kubernetes", "doku:namespace": "llm", ...extra });

let warnings: string[];
beforeEach(() => {
    warnings = [];
    jest.spyOn(pulumi.log, "warn").mockImplementation((message) => {
        warnings.push(message);
        return Promise.resolve();
    });
});
afterEach(() => jest.restoreAllMocks());

/** Loads the config, builds DokuObservability and waits for its registrations. */
async function preview(config: Record<string, string>, stack = "dev") {
    const mocks = mockCluster({ ip: "198.51.100.7" }, config, stack);
    const doku = new DokuObservability("doku", loadConfig());
    const managementUrl = await resolve(doku.managementUrl);
    await resolve(doku.dokuApiKey);
    await settle(mocks);
    return { mocks, managementUrl };
}

describe("doku:allowPlainHttp unset: plain HTTP to another machine is refused before anything registers", () => {
    it.each<[string, Record<string, string>, string]>([
        [
            "an Ingress without TLS",
            kube({ "doku:ingressHost": "doku-staging.example.com" }),
            `doku:ingressHost: got "doku-staging.example.com": ${WHAT} http://doku-staging.example.com; ` +
                `expected doku:ingressTlsSecret (then https://), or ${ALLOW}`,
        ],
        [
            "a LoadBalancer",
            kube({ "doku:serviceType": "LoadBalancer" }),
            `doku:serviceType: got "LoadBalancer": ${WHAT} http://<the load balancer's address>; expected ` +
                `doku:ingressHost with doku:ingressTlsSecret, or an https:// or loopback doku:managementUrl, or ${ALLOW}`,
        ],
        [
            "an http:// management URL",
            kube({ "doku:managementUrl": "http://doku-ingester-server.llm.svc.cluster.local:9044" }),
            'doku:managementUrl: got "http://doku-ingester-server.llm.svc.cluster.local:9044": ' +
                `${WHAT} http://doku-ingester-server.llm.svc.cluster.local:9044; expected an https:// URL, or a ` +
                `loopback one such as http://localhost:9044 with kubectl port-forward, or ${ALLOW}`,
        ],
        [
            "an http:// external ingester",
            stackConfig({ "doku:target": "external", "doku:ingesterUrl": "http://doku.internal:9044" }),
            `doku:ingesterUrl: got "http://doku.internal:9044": ${WHAT} http://doku.internal:9044; ` +
                `expected an https:// URL, or ${ALLOW}`,
        ],
        [
            "a remote Docker host",
            stackConfig({ "doku:dockerHost": "10.0.0.5", "doku:dockerPublishAddress": "0.0.0.0" }),
            `doku:dockerHost: got "10.0.0.5": ${WHAT} http://10.0.0.5:9044; ` +
                `expected a loopback host (localhost, with an SSH tunnel to the published port), or ${ALLOW}`,
        ],
    ])("%s", (_case, config, message) => {
        expect(problems(config)).toEqual([message]);
    });

    it.each<[string, Record<string, string>]>([
        ["an Ingress with TLS", kube({ "doku:ingressHost": "doku.example.com", "doku:ingressTlsSecret": "doku-tls" })],
        ["a port-forward", kube({ "doku:managementUrl": "http://localhost:19044" })],
        ["https to a LoadBalancer", kube({ "doku:serviceType": "LoadBalancer", "doku:managementUrl": "https://d.x" })],
        ["a loopback external", stackConfig({ "doku:target": "external", "doku:ingesterUrl": "http://127.0.0.1:9" })],
        ["local Docker", stackConfig({})],
    ])("accepts %s, without a warning", async (_case, config) => {
        await preview(config);
        expect(warnings).toEqual([]);
    });

    it("DokuObservability refuses the same, naming args.<path>, and registers no child", async () => {
        const mocks = mockCluster();
        const caught = thrownBy(
            () =>
                new DokuObservability("doku", {
                    target: "external",
                    ingesterUrl: "http://doku.internal:9044",
                    datadogApiKey: "dd-api-key",
                    datadogAppKey: "dd-app-key",
                }),
        );
        await settle(mocks);
        expect(caught).toBeInstanceOf(InvalidArgumentsError);
        expect((caught as Error).message).toBe(
            'doku:index:DokuObservability "doku": invalid arguments:\n' +
                `  - args.ingesterUrl: got "http://doku.internal:9044": ${WHAT} http://doku.internal:9044; ` +
                "expected an https:// URL, or args.allowPlainHttp: true to accept plain HTTP",
        );
        expect(mocks.resources.map((resource) => resource.type)).toEqual(["doku:index:DokuObservability"]);
    });

    it("a URL known only from another resource is judged once known: the keys never go to it", async () => {
        mockCluster();
        // What DokuObservability gives DokuApiKey and DokuConnection as their URL (an Output that fails).
        const url = keysUrl(pulumi.output("http://doku.internal:9044"), undefined, false, argumentNaming());
        // Every promise the Output holds fails with the error (the program would end with it).
        const held = url as any;
        for (const promise of [held.isKnown, held.isSecret, held.allResources?.()]) promise?.catch(() => undefined);
        const failure = await held.promise().catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(UserInputError);
        expect((failure as Error).message).toBe(
            `${WHAT} "http://doku.internal:9044", which is not loopback: refused; ` +
                "expected an https:// URL, or args.allowPlainHttp: true to accept plain HTTP",
        );
        // Credentials and a query in a URL known only now are not shown either.
        const secretUrl = keysUrl(
            pulumi.output("http://ops:hunter2@doku.internal:9044/?token=s3cret"),
            undefined,
            false,
            argumentNaming(),
        ) as any;
        for (const promise of [secretUrl.isKnown, secretUrl.isSecret, secretUrl.allResources?.()])
            promise?.catch(() => undefined);
        const hidden = ((await secretUrl.promise().catch((error: unknown) => error)) as Error).message;
        expect(hidden).toContain('"http://***@doku.internal:9044/?***"');
        expect(hidden).not.toMatch(/hunter2|s3cret/);
        const https = keysUrl(pulumi.output("https://doku.internal"), undefined, false, argumentNaming());
        expect(await resolve(https)).toBe("https://doku.internal");
        expect(warnings).toEqual([]);
    });
});

describe("doku:allowPlainHttp true: accepted, with a warning at every preview", () => {
    it("an Ingress without TLS: the keys go to http://, and the warning says plain HTTP", async () => {
        const { mocks, managementUrl } = await preview(
            kube({ "doku:ingressHost": "doku.example.com", "doku:allowPlainHttp": "true" }),
        );
        expect(managementUrl).toBe("http://doku.example.com");
        expect(mocks.get(API_KEY, "doku-api-key").inputs.ingesterUrl).toBe("http://doku.example.com");
        expect(warnings).toEqual([
            "plain HTTP: the Datadog API key and the Doku API key are sent unencrypted to " +
                '"http://doku.example.com" (args.allowPlainHttp is true); use https:// to protect them',
        ]);
    });

    it("a URL known only from another resource: warned about once it is known", async () => {
        const mocks = mockCluster();
        const doku = new DokuObservability("doku", {
            target: "external",
            ingesterUrl: pulumi.output("http://doku.internal:9044"),
            allowPlainHttp: true,
            datadogApiKey: "dd-api-key",
            datadogAppKey: "dd-app-key",
        });
        await resolve(doku.dokuApiKey);
        await settle(mocks);
        expect(mocks.get(API_KEY, "doku-api-key").inputs.ingesterUrl).toBe("http://doku.internal:9044");
        expect(warnings).toEqual([
            "plain HTTP: the Datadog API key and the Doku API key are sent unencrypted to " +
                '"http://doku.internal:9044" (args.allowPlainHttp is true); use https:// to protect them',
        ]);
    });
});

describe("the shipped stacks", () => {
    it.each([
        ["dev", "http://localhost:9044"],
        ["staging", "https://doku-staging.example.com"],
        ["prod", "https://doku.example.com"],
    ])("Pulumi.%s.yaml: the keys go to %s (https or loopback), without a plain HTTP warning", async (stack, url) => {
        const { config, secretKeys } = readStackConfig(path.join(ROOT, `Pulumi.${stack}.yaml`));
        const mocks = installMocks({ stack, config, secretKeys });
        const doku = new DokuObservability("doku", loadConfig());
        expect(await resolve(doku.managementUrl)).toBe(url);
        await resolve(doku.dokuApiKey);
        await settle(mocks);
        expect(mocks.get(API_KEY, "doku-api-key").inputs.ingesterUrl).toBe(url);
        expect(warnings.filter((warning) => /plain HTTP/i.test(warning))).toEqual([]);
    });
});
