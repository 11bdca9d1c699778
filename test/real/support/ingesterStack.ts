/** @file The real suite's ingester stacks: a fake ingester on 127.0.0.1 and a real stack of ingesterProgram. */
import { FakeIngester } from "../../support/fakeIngester";
import { ingesterProgram } from "./ingesterProgram";
import { RealStack } from "./realPulumi";

/** The Datadog API key the real suite's stacks are configured with (a secret). */
export const DATADOG_KEY = "dd-api-key-real-suite-0123456789ab";

/** `METHOD /path` of each request other than a GET that the fake ingester received. */
export const writes = (fake: FakeIngester): string[] =>
    fake
        .apiRequests()
        .filter((request) => request.method !== "GET")
        .map((request) => `${request.method} ${request.path}`);

/** A started fake ingester and a real stack of ingesterProgram pointed at it (`doku:datadogApiKey` secret). */
export async function ingesterStack(): Promise<{ fake: FakeIngester; real: RealStack }> {
    const fake = new FakeIngester();
    await fake.start();
    const real = await RealStack.create("dev", ingesterProgram);
    await real.stack.setAllConfig({
        "doku:ingesterUrl": { value: fake.url },
        "doku:datadogApiKey": { value: DATADOG_KEY, secret: true },
    });
    return { fake, real };
}
