import { ConfigError, loadConfig } from "../../config/load";
import { mockStack } from "./pulumi";

/**
 * The problems loadConfig reports for this config (on stack `stack`); fails the test when it accepts it or
 * registers anything.
 */
export function problems(config: Record<string, string>, stack = "dev"): string[] {
    const mocks = mockStack(config, stack);
    try {
        loadConfig();
    } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        expect(mocks.resources).toHaveLength(0);
        return (e as ConfigError).problems;
    }
    throw new Error("expected the configuration to be rejected");
}

/** What `create` throws; fails the test when it throws nothing. */
export function thrownBy(create: () => unknown): unknown {
    try {
        create();
    } catch (error) {
        return error;
    }
    throw new Error("expected it to throw");
}
