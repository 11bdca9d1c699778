/**
 * @file Starting a plugin process as the CLI does (pulumi/pulumi sdk/go/common/resource/plugin/plugin.go
 * `newPlugin`): spawn it, read the gRPC port from its first stdout line (`parsePort`: the line must be a port
 * number), then speak the ResourceProvider protocol to 127.0.0.1:<port>. Shared by the dynamic-provider host
 * (dynamicHost.ts) and component packages (componentPlugin.ts).
 */
import * as grpc from "@grpc/grpc-js";
import { ChildProcess, spawn } from "node:child_process";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";

/** The largest gRPC message sent or received: 400 MiB, as pulumi/pulumi sdk/go/common/util/rpcutil/serve.go. */
export const MAX_MESSAGE = 400 * 1024 * 1024;

/** How long a plugin may take to print its port. */
export const PLUGIN_START_TIMEOUT_MS = 60_000;

/** A started plugin: its process, its ResourceProvider client, and what it printed to stderr so far. */
export interface PluginProcess {
    readonly child: ChildProcess;
    readonly client: provrpc.ResourceProviderClient;
    readonly stderr: string[];
}

/**
 * Spawns `node <args>` in `cwd`, waits (at most `timeoutMs`) for the port, and connects. `label` names the
 * plugin in errors. A plugin that exits, prints something else than a port, or prints nothing in time is killed,
 * and the error carries its stderr.
 */
export async function startPlugin(options: {
    readonly label: string;
    readonly args: string[];
    readonly cwd: string;
    readonly env: NodeJS.ProcessEnv;
    readonly timeoutMs?: number;
}): Promise<PluginProcess> {
    const { label } = options;
    const child = spawn(process.execPath, options.args, {
        cwd: options.cwd,
        env: options.env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    const stderr: string[] = [];
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
    const timeoutMs = options.timeoutMs ?? PLUGIN_START_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    try {
        const port = await new Promise<string>((resolve, reject) => {
            let printed = "";
            timer = setTimeout(() => reject(new Error(`${label} printed no port in ${timeoutMs} ms`)), timeoutMs);
            child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
                printed += chunk;
                if (printed.includes("\n")) resolve(printed.split("\n")[0].trim());
            });
            child.once("exit", (code) => reject(new Error(`${label} exited (${code}): ${stderr.join("")}`)));
            child.once("error", reject);
        });
        if (!/^\d+$/.test(port)) throw new Error(`${label} wrote "${port}", not a port`);
        const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": MAX_MESSAGE,
            "grpc.max_send_message_length": MAX_MESSAGE,
        });
        return { child, client, stderr };
    } catch (error) {
        if (child.exitCode === null) child.kill("SIGKILL");
        throw error;
    } finally {
        clearTimeout(timer);
    }
}
