import * as pulumi from "@pulumi/pulumi";
import { RecordingMocks, installMocks, settle } from "../../offline/recording";

/** The value of an output under mocks. */
export function resolve<T>(input: pulumi.Input<T>): Promise<T> {
    return new Promise((resolveValue) => pulumi.output(input).apply((value) => resolveValue(value as T)));
}

/** Config as Pulumi holds it: keys `doku:x`, values strings (JSON for lists and maps). */
export type RawConfig = Record<string, string>;

/** Placeholder values of the secret `doku:` keys, which mockStack marks secret (tests look for leaks of them). */
export const SECRET_VALUES = {
    "doku:datadogApiKey": "dd-api-key-3f0c1b2a9e8d7c6b5a4f3e2d1c0b9a8f",
    "doku:clickhousePassword": "ch-password-a81f22c9d0e4b7",
    "doku:apiKey": "dk0123456789abcdef0123456789abcdef01234567",
    "doku:datadogAppKey": "dd-app-key-77e1c0ffee0123456789abcdef0123456789ab",
} as const;

/** Installs recording mocks with this config; every key of SECRET_VALUES present is marked secret. */
export function mockStack(config: RawConfig, stack = "dev"): RecordingMocks {
    const secretKeys = Object.keys(config).filter((key) => key in SECRET_VALUES);
    return installMocks({ stack, config, secretKeys });
}

/** The minimal valid config: the Datadog API and application keys only. */
export function minimalConfig(extra: RawConfig = {}): RawConfig {
    return {
        "doku:datadogApiKey": SECRET_VALUES["doku:datadogApiKey"],
        "doku:datadogAppKey": SECRET_VALUES["doku:datadogAppKey"],
        ...extra,
    };
}

export { settle };
