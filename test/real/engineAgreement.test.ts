/**
 * @file The offline engine (what synth runs) held to the real CLI: the same program, the ingester side of the
 * stack, previewed by both with the same configuration, registers the same resources (type, name, parent,
 * custom or not) with the same inputs and the same secret inputs. The serialized dynamic-provider code is left
 * out: it differs by transpiler (ts-jest here, the runner's ts-node there), not by what the program declares.
 */
import * as path from "node:path";
import { runEngine } from "../../offline/engine";
import { FakeIngester } from "../support/fakeIngester";
import { ingesterProgram } from "./support/ingesterProgram";
import { REAL_TEST_TIMEOUT_MS as LONG, RealStack } from "./support/realPulumi";

const DATADOG_KEY = "dd-api-key-real-suite-0123456789ab";

/** One registration, as both sides can tell it. */
interface Seen {
    type: string;
    name: string;
    parent: string | null;
    custom: boolean;
    inputs: Record<string, unknown>;
    secretInputs: string[];
}

const withoutCode = (inputs: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(inputs).filter(([key]) => key !== "__provider"));

/** The signature key of a secret value in the engine's events. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

function unwrap(inputs: Record<string, unknown>): { plain: Record<string, unknown>; secret: string[] } {
    const secret: string[] = [];
    const plain: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(inputs)) {
        const isSecret = typeof value === "object" && value !== null && SECRET_SIG in value;
        if (isSecret) secret.push(key);
        // The engine's events carry a secret as `{ <sig>, ciphertext: "[secret]" }`, never its value.
        plain[key] = isSecret ? "[secret]" : value;
    }
    return { plain, secret: secret.sort() };
}

describe("the offline engine and the real CLI preview the same program", () => {
    let fake: FakeIngester;
    beforeEach(async () => {
        fake = new FakeIngester();
        await fake.start();
    });
    afterEach(() => fake.stop());

    it(
        "with the same resources, parents, inputs and secret inputs",
        async () => {
            const config = { "doku:ingesterUrl": fake.url, "doku:datadogApiKey": DATADOG_KEY };

            const offline = await runEngine({
                projectDir: path.join(__dirname, "..", "fixtures", "programs", "ingester-side"),
                stack: "dev",
                operation: "preview",
                stackConfig: { config, secretKeys: ["doku:datadogApiKey"] },
            });
            expect(offline.ok).toBe(true);
            const fromEngine: Seen[] = offline.registrations.map((resource) => ({
                type: resource.type,
                name: resource.name,
                parent: resource.parent,
                custom: resource.custom,
                inputs: Object.fromEntries(
                    Object.entries(withoutCode(resource.inputs as Record<string, unknown>)).map(([key, value]) => [
                        key,
                        resource.secretInputs.includes(key) ? "[secret]" : value,
                    ]),
                ),
                secretInputs: [...resource.secretInputs].filter((input) => input !== "__provider").sort(),
            }));

            const real = await RealStack.create("dev", ingesterProgram);
            try {
                await real.stack.setAllConfig({
                    "doku:ingesterUrl": { value: fake.url },
                    "doku:datadogApiKey": { value: DATADOG_KEY, secret: true },
                });
                await real.stack.preview(real.collect);
                const nameOf = (urn: string | undefined) => (urn ? urn.split("::").pop()! : null);
                const fromCli: Seen[] = real.events
                    .map((event) => event.resourcePreEvent?.metadata)
                    .filter((step) => step !== undefined && step.type !== "pulumi:pulumi:Stack")
                    .filter((step) => !step!.type.startsWith("pulumi:providers:"))
                    .map((step) => {
                        const { plain, secret } = unwrap(withoutCode(step!.new?.inputs ?? {}));
                        const parent = step!.new?.parent;
                        return {
                            type: step!.type,
                            name: nameOf(step!.urn)!,
                            parent: parent?.includes("pulumi:pulumi:Stack") ? null : nameOf(parent),
                            custom: step!.new?.custom ?? false,
                            inputs: plain,
                            secretInputs: secret,
                        };
                    });
                expect(fromCli).toEqual(fromEngine);
            } finally {
                real.dispose();
            }
        },
        LONG,
    );
});
