import * as pulumi from "@pulumi/pulumi";
import { DokuApiError, DokuClient } from "../ingester/client";
import { UNKNOWN } from "../ingester/connectionRules";
import { DokuConnectionInputs, dokuConnectionProvider as provider } from "../ingester/connectionProvider";
import { FakeIngester } from "./support/fakeIngester";

const DD_KEY = "0123456789abcdef0123456789abcdef";
const PLATFORMS: Record<string, Partial<DokuConnectionInputs>> = {
    datadog: {
        platform: "datadog",
        metricsUrl: "https://api.datadoghq.eu/api/v2/series",
        logsUrl: "https://http-intake.logs.datadoghq.eu/api/v2/logs",
        apiKey: DD_KEY,
    },
    newrelic: {
        platform: "newrelic",
        metricsUrl: "https://metric-api.newrelic.com/metric/v1",
        logsUrl: "https://log-api.newrelic.com/log/v1",
        apiKey: "nr-secret-key",
    },
    dynatrace: {
        platform: "dynatrace",
        metricsUrl: "https://abc.live.dynatrace.com/api/v2/metrics/ingest",
        logsUrl: "https://abc.live.dynatrace.com/api/v2/logs/ingest",
        apiKey: "dt0c01.secret",
    },
    grafana: {
        platform: "grafana",
        metricsUrl: "https://prometheus.grafana.net/api/prom/push",
        logsUrl: "https://logs.grafana.net/loki/api/v1/push",
        apiKey: "glc_secret",
        metricsUsername: "12345",
        logsUsername: "67890",
    },
    signoz: { platform: "signoz", logsUrl: "https://ingest.signoz.cloud/logs", apiKey: "signoz-secret" },
};

let ingester: FakeIngester;
let dokuKey: string;

beforeEach(async () => {
    ingester = new FakeIngester();
    await ingester.start();
    dokuKey = ingester.addKey("ops");
});
afterEach(() => ingester.stop());

function inputsFor(platform: string, extra: Partial<DokuConnectionInputs> = {}): DokuConnectionInputs {
    return { ingesterUrl: ingester.url, dokuApiKey: dokuKey, ...PLATFORMS[platform], ...extra } as DokuConnectionInputs;
}

/** Runs `fn`, expects it to throw, and checks the message carries no key. */
async function failure(fn: () => Promise<unknown>): Promise<Error> {
    let error: Error | undefined;
    try {
        await fn();
    } catch (thrown) {
        error = thrown as Error;
    }
    if (!error) throw new Error("expected a failure");
    for (const secret of [dokuKey, DD_KEY, ...ingester.keys.values()]) expect(error.message).not.toContain(secret);
    return error;
}

describe.each(Object.keys(PLATFORMS))("lifecycle of a %s connection", (platform) => {
    it("checks, creates, reads, updates, detects drift, and deletes (twice)", async () => {
        const checked = await provider.check!({}, inputsFor(platform));
        expect(checked.failures).toEqual([]);
        expect(checked.inputs.readinessTimeoutSeconds).toBe(300);

        const created = await provider.create(checked.inputs);
        expect(created.id).toBe(`${ingester.url}/api/connections`);
        expect(ingester.connection).toMatchObject({
            platform,
            apikey: PLATFORMS[platform].apiKey,
            logsurl: PLATFORMS[platform].logsUrl,
        });

        const read = await provider.read!(created.id, created.outs);
        expect(read.id).toBe(created.id);
        expect(read.props).toEqual(created.outs);
        // No undefined values: the dynamic-provider host's Struct.fromJavaScript rejects them.
        expect(Object.entries(read.props!).filter(([, v]) => v === undefined)).toEqual([]);

        const changed = { ...created.outs, apiKey: "rotated-key-value" };
        const diff = await provider.diff!(created.id, created.outs, changed);
        expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: true });
        const updated = await provider.update!(created.id, created.outs, changed);
        expect(ingester.connection!.apikey).toBe("rotated-key-value");

        // Changed out of band: refresh sees the ingester's value.
        ingester.connection!.logsurl = "https://elsewhere.example.com/logs";
        const drifted = await provider.read!(created.id, updated.outs);
        expect(drifted.props.logsUrl).toBe("https://elsewhere.example.com/logs");
        expect(drifted.props.apiKey).toBe("rotated-key-value");

        await provider.delete!(created.id, drifted.props);
        expect(ingester.connection).toBeNull();
        const deleteBody = JSON.parse(ingester.requests.filter((request) => request.method === "DELETE").pop()!.body);
        expect(deleteBody).toMatchObject({ Platform: platform, LogsUrl: "https://elsewhere.example.com/logs" });
        await expect(provider.delete!(created.id, drifted.props)).resolves.toBeUndefined();

        // Removed out of band: refresh says it is gone.
        const gone = await provider.read!(created.id, drifted.props);
        expect(gone.id).toBe("");
    });

    it("moves to another ingester with one update: waits for it, POSTs there, leaves the old one alone", async () => {
        const other = new FakeIngester();
        await other.start();
        try {
            const otherKey = other.addKey("ops");
            const created = await provider.create(inputsFor(platform));
            const moved = { ...created.outs, ingesterUrl: other.url, dokuApiKey: otherKey };
            expect(await provider.diff!(created.id, created.outs, moved)).toEqual({
                changes: true,
                replaces: [],
                deleteBeforeReplace: true,
            });
            await provider.update!(created.id, created.outs, moved);
            expect(other.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
                "GET /",
                "POST /api/connections",
            ]);
            expect(other.connection).toMatchObject({ platform, apikey: PLATFORMS[platform].apiKey });
            // The old URL may reach the same ingester: nothing is deleted there.
            expect(ingester.connection).not.toBeNull();
            expect(ingester.requests.filter((request) => request.method === "DELETE")).toHaveLength(0);
        } finally {
            await other.stop();
        }
    });

    it("an unknown or changed ingester URL is an update, never a replacement", async () => {
        const olds = inputsFor(platform);
        for (const ingesterUrl of [UNKNOWN, "http://127.0.0.1:1"]) {
            expect(await provider.diff!("id", olds, { ...olds, ingesterUrl })).toEqual({
                changes: true,
                replaces: [],
                deleteBeforeReplace: true,
            });
        }
        expect(await provider.diff!("id", olds, { ...olds })).toMatchObject({ changes: false, replaces: [] });
    });
});

describe("check applies the ingester's per-platform rules before any HTTP call", () => {
    it("names the missing and forbidden fields, never showing a secret", async () => {
        const datadogCheck = await provider.check!(
            {},
            inputsFor("datadog", { metricsUrl: undefined, metricsUsername: "bob" }),
        );
        expect(datadogCheck.failures).toEqual([
            { property: "metricsUrl", reason: "missing; platform datadog requires apiKey, metricsUrl, logsUrl" },
            {
                property: "metricsUsername",
                reason: 'got "bob"; platform datadog takes no metricsUsername (leave it unset)',
            },
        ]);
        const grafanaCheck = await provider.check!({}, inputsFor("grafana", { logsUsername: undefined }));
        expect(grafanaCheck.failures!.map((problem) => problem.property)).toEqual(["logsUsername"]);
        const splunkCheck = await provider.check!({}, { ...inputsFor("datadog"), platform: "splunk" });
        expect(splunkCheck.failures).toEqual([
            {
                property: "platform",
                reason: 'got "splunk"; expected one of datadog, newrelic, dynatrace, grafana, signoz',
            },
        ]);
        const signozCheck = await provider.check!(
            {},
            inputsFor("signoz", { ingesterUrl: "ftp://x", readinessTimeoutSeconds: 0 }),
        );
        expect(signozCheck.failures!.map((problem) => problem.property)).toEqual([
            "ingesterUrl",
            "readinessTimeoutSeconds",
        ]);
        for (const checked of [datadogCheck, grafanaCheck, splunkCheck, signozCheck])
            expect(JSON.stringify(checked.failures)).not.toContain(DD_KEY);
        expect(ingester.requests).toHaveLength(0);
    });

    it("refuses URLs with credentials (ingester, metrics, logs) without showing them", async () => {
        const checked = await provider.check!(
            {},
            inputsFor("datadog", {
                ingesterUrl: "https://ops:pw1@doku.example.com",
                metricsUrl: "https://u:pw2@api.datadoghq.eu/api/v2/series",
                logsUrl: "https://u:pw3@http-intake.logs.datadoghq.eu/api/v2/logs",
            }),
        );
        expect(checked.failures!.map((problem) => problem.property)).toEqual(["ingesterUrl", "metricsUrl", "logsUrl"]);
        expect(checked.failures![1].reason).toBe(
            'got "https://***@api.datadoghq.eu/api/v2/series", a URL with a user name or password; ' +
                "expected an http:// or https:// URL without credentials (platform datadog authenticates with apiKey)",
        );
        expect(JSON.stringify(checked.failures)).not.toMatch(/pw[123]|ops:|u:/);
        expect(ingester.requests).toHaveLength(0);
    });

    it("accepts Pulumi's unknown-value placeholder during preview", async () => {
        const checked = await provider.check!(
            {},
            {
                ...inputsFor("datadog"),
                ingesterUrl: UNKNOWN,
                metricsUrl: UNKNOWN,
                logsUrl: UNKNOWN,
                apiKey: UNKNOWN,
                dokuApiKey: UNKNOWN,
            },
        );
        expect(checked.failures).toEqual([]);
        const grafanaCheck = await provider.check!({}, { ...inputsFor("datadog"), platform: UNKNOWN });
        expect(grafanaCheck.failures).toEqual([]);
    });
});

describe("request counts", () => {
    it("diff makes 0 requests; create makes 1 health check + 1 POST; update makes 1 POST", async () => {
        const olds = (await provider.check!({}, inputsFor("datadog"))).inputs;
        await provider.diff!("id", olds, { ...olds, logsUrl: "https://x.example.com" });
        expect(ingester.requests).toHaveLength(0);

        const created = await provider.create(olds);
        expect(ingester.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
            "GET /",
            "POST /api/connections",
        ]);
        const post = ingester.requests[1];
        expect(post.authorization).toBe(dokuKey);
        expect(JSON.parse(post.body)).toEqual({
            Platform: "datadog",
            MetricsUrl: PLATFORMS.datadog.metricsUrl,
            LogsUrl: PLATFORMS.datadog.logsUrl,
            ApiKey: DD_KEY,
            MetricsUsername: "",
            LogsUsername: "",
        });

        ingester.requests.length = 0;
        // A rotated Datadog key: one update, one POST.
        const rotated = { ...created.outs, apiKey: "new" };
        expect(await provider.diff!(created.id, created.outs, rotated)).toMatchObject({ changes: true, replaces: [] });
        await provider.update!(created.id, created.outs, rotated);
        expect(ingester.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
            "POST /api/connections",
        ]);
    });
});

describe("faults", () => {
    it("waits while the ingester refuses connections at start-up, then POSTs", async () => {
        await ingester.stop();
        ingester = new FakeIngester();
        await ingester.start(1500);
        dokuKey = ingester.addKey("ops");
        const created = await provider.create({ ...inputsFor("datadog"), readinessTimeoutSeconds: 30 });
        expect(created.outs.platform).toBe("datadog");
        expect(ingester.connection).not.toBeNull();
        expect(ingester.requests[0].at).toBeGreaterThanOrEqual(ingester.listeningSince);
    });

    it("waits through 503 while ClickHouse is down", async () => {
        ingester.databaseUp = false;
        setTimeout(() => {
            ingester.databaseUp = true;
        }, 1200);
        await provider.create({ ...inputsFor("datadog"), readinessTimeoutSeconds: 30 });
        const health = ingester.requests.filter((request) => request.path === "/");
        expect(health.length).toBeGreaterThanOrEqual(2);
        expect(ingester.connection).not.toBeNull();
    });

    it("gives up after the readiness timeout with what it last saw and what to do", async () => {
        ingester.databaseUp = false;
        const error = await failure(() => provider.create({ ...inputsFor("datadog"), readinessTimeoutSeconds: 2 }));
        expect(error.message).toMatch(
            /was not ready within 2 s \(last: HTTP 503: Database is currently not reachable from the server\)/,
        );
        expect(error.message).toMatch(/raise readinessTimeoutSeconds/);
        expect(ingester.apiRequests()).toHaveLength(0);
    });

    it("retries 5xx from the API and loses nothing", async () => {
        ingester.faults.push({
            method: "POST",
            path: "/api/connections",
            status: 502,
            body: "<html>bad gateway</html>",
            times: 2,
        });
        await provider.create(inputsFor("datadog"));
        expect(ingester.apiRequests().map((request) => request.method)).toEqual(["POST", "POST", "POST"]);
        expect(ingester.connection).toMatchObject({ platform: "datadog", apikey: DD_KEY });
    });

    it("stops at 401 with a wrong Doku key and says which key to check", async () => {
        const error = await failure(() => provider.create(inputsFor("datadog", { dokuApiKey: "dk-wrong" })));
        expect(error).toBeInstanceOf(DokuApiError);
        expect(error.message).toBe(
            `POST ${ingester.url}/api/connections: HTTP 401: Unauthorized: ` +
                `Please check your API Key and try again; check the Doku API key (doku:apiKey)`,
        );
        expect(ingester.apiRequests()).toHaveLength(1);
    });

    it("reports a 400 for a bad body with the ingester's message (validation before authentication)", async () => {
        const client = new DokuClient({ baseUrl: ingester.url, apiKey: "wrong-key" });
        const error = await failure(() =>
            client.putConnection({ platform: "datadog", logsUrl: "https://l", apiKey: DD_KEY }),
        );
        expect((error as DokuApiError).status).toBe(400);
        expect((error as DokuApiError).ingesterMessage).toBe("platform datadog takes apikey, metricsurl, logsurl");
        expect(ingester.apiRequests()).toHaveLength(1);
    });

    it("times out a slow answer, retries, and succeeds", async () => {
        ingester.faults.push({ method: "POST", path: "/api/connections", delayMs: 1500 });
        const client = new DokuClient({
            baseUrl: ingester.url,
            apiKey: dokuKey,
            requestTimeoutMs: 300,
            initialBackoffMs: 20,
        });
        await client.putConnection({ platform: "signoz", logsUrl: "https://l.example.com", apiKey: "s" });
        expect(ingester.apiRequests().length).toBeGreaterThanOrEqual(2);
        expect(ingester.connection).toMatchObject({ platform: "signoz" });
    });

    it("gives up on answers slower than the timeout at the deadline", async () => {
        ingester.faults.push({ method: "GET", path: "/api/connections", delayMs: 2000, times: 100 });
        const client = new DokuClient({
            baseUrl: ingester.url,
            apiKey: dokuKey,
            requestTimeoutMs: 200,
            retryDeadlineMs: 1000,
            initialBackoffMs: 20,
        });
        const error = await failure(() => client.getConnection());
        expect(error.message).toMatch(
            /^GET http:\/\/127\.0\.0\.1:\d+\/api\/connections: no answer within 200 ms \(after \d+ attempts\)$/,
        );
    });

    it("says so when the answer is not JSON", async () => {
        ingester.faults.push({ method: "GET", path: "/", status: 200, body: "<html>a proxy login page</html>" });
        const error = await failure(() => provider.create(inputsFor("datadog")));
        expect(error.message).toMatch(/HTTP 200 with a non-JSON answer \(31 bytes\); is this URL a Doku ingester\?/);
    });

    it(
        "refresh and destroy see an ingester whose host name does not exist as gone, at once, " + "with a warning",
        async () => {
            const warnings: string[] = [];
            jest.spyOn(pulumi.log, "warn").mockImplementation(async (msg: string) => {
                warnings.push(msg);
            });
            try {
                const gone = inputsFor("datadog", { ingesterUrl: "http://doku-ingester.invalid:9044" }); // RFC 6761: never resolves
                const started = Date.now();
                expect(await provider.read!("id", gone)).toEqual({ id: "", props: {} });
                await expect(provider.delete!("id", gone)).resolves.toBeUndefined();
                expect(Date.now() - started).toBeLessThan(2000);
                expect(warnings).toHaveLength(2);
                expect(warnings[1]).toMatch(
                    /^The Doku connection is treated as gone because nothing listens at the ingester's URL/,
                );
            } finally {
                jest.restoreAllMocks();
            }
        },
    );

    it("a 401 on refresh stays an error: the ingester is there and refuses the key", async () => {
        const created = await provider.create(inputsFor("datadog"));
        const error = await failure(() => provider.read!(created.id, { ...created.outs, dokuApiKey: "dk-wrong" }));
        expect(error.message).toMatch(/HTTP 401/);
    });

    it("treats 405 with an empty body as a clear error", async () => {
        ingester.faults.push({ method: "DELETE", path: "/api/connections", status: 405, body: "" });
        const error = await failure(() => provider.delete!("id", inputsFor("datadog")));
        expect(error.message).toBe(`DELETE ${ingester.url}/api/connections: HTTP 405: no message`);
    });
});
