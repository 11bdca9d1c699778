/**
 * @file The real Pulumi CLI for the real suite, through Pulumi's Automation API: the toolchain's CLI
 * (`npm run toolchain`), a temporary file backend, a PULUMI_HOME of the suite's own and the offline switches.
 *
 * Programs run inline (`LocalWorkspace` with a `program` function): the Automation API serves the program's
 * language runtime itself and the CLI connects to it (`pulumi up --client`), because the Go module proxy serves
 * no `pulumi-language-nodejs` (README, "Tests"). The CLI, its engine, its state and secrets handling and the
 * dynamic-provider plugin (`pulumi-resource-pulumi-nodejs`, beside the CLI) are the real ones.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EngineEvent, LocalWorkspace, PulumiCommand, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { locateCli } from "../../../scripts/toolchain/cli";
import { toolchainPaths } from "../../../scripts/toolchain/paths";
import { PULUMI_VERSION } from "../../../scripts/toolchain/versions";

/** This repository: the program's folder, whose node_modules the dynamic-provider plugin resolves from. */
export const ROOT = path.join(__dirname, "..", "..", "..");

/** The jest timeout of a test that runs the real CLI a few times. */
export const REAL_TEST_TIMEOUT_MS = 300_000;

/** The passphrase of the suite's stacks (the file backend's passphrase secrets provider). */
export const PASSPHRASE = "real-suite-passphrase";

/** The toolchain's CLI (PATH's or the cached build, as `npm run toolchain` chose), or an error saying how to get it. */
export function realCli(): { bin: string; home: string } {
    const paths = toolchainPaths();
    const located = locateCli(paths);
    if (located === undefined) {
        throw new Error(`no Pulumi CLI v${PULUMI_VERSION} on PATH or in ${paths.bin}: run \`npm run toolchain\` first`);
    }
    return { bin: located.bin, home: paths.home };
}

async function cli(): Promise<{ command: PulumiCommand; bin: string; home: string }> {
    const { bin, home } = realCli();
    const command = await PulumiCommand.get({ root: path.dirname(bin), version: undefined });
    return { command, bin, home };
}

const isDebug = (event: EngineEvent): boolean => (event.diagnosticEvent?.severity as string | undefined) === "debug";

/** A stack of the real CLI in a temporary backend, with every engine event and all output it printed. */
export class RealStack {
    readonly events: EngineEvent[] = [];
    readonly printed: string[] = [];
    private constructor(
        readonly stack: Stack,
        readonly dir: string,
    ) {}

    /** Creates the stack `name` of project `doku`, whose program is `program`, in a new temporary backend. */
    static async create(name: string, program: PulumiFn): Promise<RealStack> {
        const { command, bin, home } = await cli();
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "doku-real-"));
        fs.mkdirSync(path.join(dir, "state"));
        fs.mkdirSync(path.join(dir, "work"));
        const env = {
            PULUMI_HOME: home,
            PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        };
        const stack = await LocalWorkspace.createOrSelectStack(
            { stackName: name, projectName: "doku", program },
            {
                workDir: path.join(dir, "work"),
                projectSettings: { name: "doku", runtime: "nodejs", main: ROOT },
                pulumiHome: home,
                pulumiCommand: command,
                envVars: env,
            },
        );
        return new RealStack(stack, dir);
    }

    /** The options every operation gets: events and printed output collected here. */
    get collect(): { onEvent: (event: EngineEvent) => void; onOutput: (out: string) => void } {
        return {
            onEvent: (event) => this.events.push(event),
            onOutput: (out) => this.printed.push(out),
        };
    }

    /** `op name` of each resource step the engine reported since event `from`, for resources of these types. */
    steps(from: number, ...types: string[]): string[] {
        return this.events
            .slice(from)
            .map((event) => event.resOutputsEvent?.metadata)
            .filter((step) => step !== undefined && types.includes(step.type))
            .map((step) => `${step!.op} ${step!.urn.split("::").pop()}`);
    }

    /**
     * The stack's state as the file backend stores it (what `pulumi stack export` prints without
     * `--show-secrets`; the Automation API's `exportStack` passes that flag, so it is not used here).
     */
    storedState(): string {
        return fs.readFileSync(
            path.join(this.dir, "state", ".pulumi", "stacks", "doku", `${this.stack.name}.json`),
            "utf8",
        );
    }

    /**
     * Everything the CLI printed and every engine event except debug diagnostics, as one text for leak checks.
     * Debug diagnostics are left out: @pulumi/pulumi's runtime logs each RPC's response at debug level
     * (runtime/resource.js, "RegisterResource RPC finished: … resp: …"), secrets included; the CLI shows them
     * only with `--debug` (README, Known issues). `debugEvents()` has them.
     */
    everything(): string {
        return [...this.printed, ...this.events.filter((event) => !isDebug(event)).map((e) => JSON.stringify(e))].join(
            "\n",
        );
    }

    /** The debug diagnostics' messages. */
    debugMessages(): string[] {
        return this.events.filter(isDebug).map((event) => event.diagnosticEvent!.message);
    }

    /** Removes the stack's temporary backend and work folder. */
    dispose(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}
