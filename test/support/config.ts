import { ConfigError, loadConfig } from "../../config/load";
import { mockStack } from "./pulumi";

/** The problems loadConfig reports for this config; fails the test when it accepts it or registers anything. */
export function problems(config: Record<string, string>): string[] {
    const mocks = mockStack(config);
    try {
        loadConfig();
    } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        expect(mocks.resources).toHaveLength(0);
        return (e as ConfigError).problems;
    }
    throw new Error("expected the configuration to be rejected");
}
