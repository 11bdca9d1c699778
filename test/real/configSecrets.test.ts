/**
 * @file The README's set-up, with the real CLI: `pulumi config set --secret <key>` without a value reads it from
 * standard input (a prompt in a terminal), so the value stays out of shell history; the stack file keeps it
 * encrypted with the local backend's passphrase, and the CLI refuses to read it back without one.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { realCli } from "./support/realPulumi";

const SECRET = "dd-api-key-typed-at-the-prompt-0001";

it("config set --secret reads the value from stdin, stores it encrypted, and needs the passphrase to read it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "doku-real-config-"));
    try {
        fs.mkdirSync(path.join(dir, "state"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: doku\nruntime: nodejs\n");
        const { bin } = realCli();
        const env = {
            ...process.env,
            PULUMI_HOME: path.join(dir, "home"),
            PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_CONFIG_PASSPHRASE: "the passphrase",
        };
        const pulumi = (args: string[], input = "", environment: NodeJS.ProcessEnv = env) =>
            spawnSync(path.join(bin, "pulumi"), args, { cwd: dir, env: environment, input, encoding: "utf8" });
        expect(pulumi(["stack", "init", "dev"]).status).toBe(0);
        const set = pulumi(["config", "set", "--secret", "doku:datadogApiKey"], `${SECRET}\n`);
        expect(set.status).toBe(0);
        const stackFile = fs.readFileSync(path.join(dir, "Pulumi.dev.yaml"), "utf8");
        expect(stackFile).toMatch(/doku:datadogApiKey:\n\s+secure: v1:/);
        expect(stackFile).not.toContain(SECRET);
        expect(pulumi(["config", "get", "doku:datadogApiKey"]).stdout.trim()).toBe(SECRET);
        const { PULUMI_CONFIG_PASSPHRASE: _passphrase, ...withoutPassphrase } = env;
        const refused = pulumi(["config", "get", "doku:datadogApiKey"], "", withoutPassphrase);
        expect(refused.status).not.toBe(0);
        expect(refused.stderr).toContain(
            "passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE",
        );
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
