/**
 * Benchmarks of the Doku API lifecycle against the fake ingester on
 * 127.0.0.1 (the one the tests use). Prints figures; asserts nothing.
 *
 *   npm run bench
 */
import type * as pulumi from "@pulumi/pulumi";
import { dokuConnectionProvider as provider } from "../../ingester/connectionProvider";
import { FakeIngester } from "../../test/support/fakeIngester";

const RUNS = 20;

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function withIngester<T>(fn: (ing: FakeIngester, key: string) => Promise<T>, delayMs = 0): Promise<T> {
    const ing = new FakeIngester();
    await ing.start(delayMs);
    try {
        return await fn(ing, ing.addKey("bench"));
    } finally {
        await ing.stop();
    }
}

const inputs = (ing: FakeIngester, key: string) => ({
    ingesterUrl: ing.url,
    dokuApiKey: key,
    platform: "datadog",
    readinessTimeoutSeconds: 60,
    metricsUrl: "https://api.datadoghq.com/api/v2/series",
    logsUrl: "https://http-intake.logs.datadoghq.com/api/v2/logs",
    apiKey: "k",
});

/** ClickHouse comes back after a random 200–700 ms: time from then to the POST. */
async function readinessAfter503(): Promise<number> {
    return withIngester(async (ing, key) => {
        ing.databaseUp = false;
        let readyAt = 0;
        setTimeout(
            () => {
                ing.databaseUp = true;
                readyAt = Date.now();
            },
            200 + Math.random() * 500,
        );
        await provider.create(inputs(ing, key));
        const post = ing.requests.find((r) => r.method === "POST")!;
        return post.at - readyAt;
    });
}

/** The port opens after a random 200–700 ms: time from then to the POST. */
async function readinessAfterRefused(): Promise<number> {
    const delay = 200 + Math.random() * 500;
    return withIngester(async (ing, key) => {
        await provider.create(inputs(ing, key));
        const post = ing.requests.find((r) => r.method === "POST")!;
        return post.at - ing.listeningSince;
    }, delay);
}

async function requestCounts(): Promise<Record<string, number>> {
    return withIngester(async (ing, key) => {
        const counts: Record<string, number> = {};
        const measure = async (name: string, fn: () => Promise<unknown>) => {
            const before = ing.requests.length;
            await fn();
            counts[name] = ing.requests.length - before;
        };
        const created = await (async () => {
            let result: pulumi.dynamic.CreateResult | undefined;
            await measure("create", async () => {
                result = await provider.create(inputs(ing, key));
            });
            return result!;
        })();
        await measure("diff", () => provider.diff!(created.id, created.outs, { ...created.outs, apiKey: "k2" }));
        await measure("update", () => provider.update!(created.id, created.outs, { ...created.outs, apiKey: "k2" }));
        await measure("read", () => provider.read!(created.id, created.outs));
        await measure("delete", () => provider.delete!(created.id, created.outs));
        return counts;
    });
}

async function main(): Promise<void> {
    const after503: number[] = [];
    const afterRefused: number[] = [];
    for (let i = 0; i < RUNS; i++) {
        after503.push(await readinessAfter503());
        afterRefused.push(await readinessAfterRefused());
    }
    const fmt = (xs: number[]) =>
        `median ${median(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (${RUNS} runs)`;
    console.log("readiness detection latency (ingester ready → POST sent):");
    console.log(`  ClickHouse back after 503s:      ${fmt(after503)}`);
    console.log(`  port open after refusals:        ${fmt(afterRefused)}`);
    console.log("requests per operation (ready ingester):");
    for (const [op, n] of Object.entries(await requestCounts())) console.log(`  ${op.padEnd(8)} ${n}`);
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
