/**
 * @file Prints the configuration reference from the key table (config/keys.ts):
 *   npm run config-reference                   # the README's table
 *   npm run config-reference -- --pulumi-yaml  # Pulumi.yaml's config: block
 * The tests check that README.md and Pulumi.yaml agree with the table.
 * Exit status: 0 printed, 2 bad arguments.
 */
import { parseArgs } from "node:util";
import { pulumiYamlConfigBlock, readmeKeyTable } from "../config/reference";

const USAGE = "usage: npm run config-reference -- [--pulumi-yaml]";

function main(argv: string[]): number {
    let pulumiYamlFlag: boolean | undefined;
    try {
        const options = { "pulumi-yaml": { type: "boolean" }, help: { type: "boolean", short: "h" } } as const;
        const { values } = parseArgs({ args: argv, options });
        if (values.help) {
            console.log(USAGE);
            return 0;
        }
        pulumiYamlFlag = values["pulumi-yaml"];
    } catch (error) {
        console.error(`config-reference: ${(error as Error).message}\n${USAGE}`);
        return 2;
    }
    console.log(pulumiYamlFlag ? pulumiYamlConfigBlock() : readmeKeyTable());
    return 0;
}

process.exitCode = main(process.argv.slice(2));
