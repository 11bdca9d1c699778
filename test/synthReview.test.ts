/**
 * @file What synth's review folder shows and hides, end to end through `npm run synth`: other providers'
 * secrets and URL user-info as [secret], plain values as the CLI hands them over, and a failed synth that
 * leaves no stale review behind.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT, synth } from "./support/synthCli";

let out: string;
beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "doku-synth-review-"));
});
afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

describe("npm run synth: the review folder", () => {
    it("other providers' secrets and URL user-info are [secret] in every file, each key named in a warning", () => {
        const file = path.join(out, "Pulumi.others.yaml");
        const clear = {
            kubeconfig: "kube-token-0123456789",
            apiKey: "dd-api-key-in-clear-0123",
            appKey: "dd-app-key-in-clear-0123",
            password: "hunter2-docker-pass",
            registry: "registry-pass-0123",
        };
        fs.writeFileSync(
            file,
            "config:\n  doku:target: docker\n  doku:dockerHost: localhost\n" +
                "  doku:datadogApiKey:\n    secure: v1:x\n  doku:datadogAppKey:\n    secure: v1:y\n" +
                `  docker:host: tcp://ops:${clear.password}@10.0.0.5:2376\n` +
                "  docker:registryAuth:\n    - address: ghcr.io\n      username: ci\n" +
                `      password: ${clear.registry}\n` +
                `  kubernetes:kubeconfig: "apiVersion: v1\\nusers:\\n- user: {token: ${clear.kubeconfig}}\\n"\n` +
                `  datadog:apiKey: ${clear.apiKey}\n  datadog:appKey: ${clear.appKey}\n` +
                "  myteam:webhook: https://builder@hooks.example.com/doku\n",
        );
        const result = synth("--config", file, "--out", path.join(out, "others"));
        expect(result.status).toBe(0);
        const written = fs
            .readdirSync(path.join(out, "others"), { recursive: true, withFileTypes: true })
            .filter((entry) => entry.isFile())
            .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8"));
        expect(written.length).toBeGreaterThan(5);
        for (const text of [...written, result.stdout, result.stderr]) {
            for (const value of Object.values(clear)) expect(text).not.toContain(value);
            expect(text).not.toMatch(/ops:|builder@/);
        }
        const html = fs.readFileSync(path.join(out, "others", "index.html"), "utf8");
        for (const key of ["kubernetes:kubeconfig", "datadog:apiKey", "datadog:appKey"])
            expect(html).toContain(`<tr><th>${key}</th><td><em>[secret]</em></td></tr>`);
        expect(html).toContain("<tr><th>docker:host</th><td>tcp://[secret]@10.0.0.5:2376</td></tr>");
        expect(html).toContain(
            "<tr><th>docker:registryAuth</th><td>" +
                "[{&quot;address&quot;:&quot;ghcr.io&quot;,&quot;password&quot;:&quot;[secret]&quot;," +
                "&quot;username&quot;:&quot;ci&quot;}]</td></tr>",
        );
        expect(html).toContain("<tr><th>myteam:webhook</th><td>https://[secret]@hooks.example.com/doku</td></tr>");
        const warnings = result.stderr.split("\n").filter((line) => line.startsWith("warning: "));
        expect(warnings).toEqual(
            expect.arrayContaining([
                "warning: kubernetes:kubeconfig is stored in clear in the stack file; " +
                    "store it with `pulumi config set --secret kubernetes:kubeconfig <value>`",
                "warning: datadog:apiKey is stored in clear in the stack file; " +
                    "store it with `pulumi config set --secret datadog:apiKey <value>`",
                "warning: datadog:appKey is stored in clear in the stack file; " +
                    "store it with `pulumi config set --secret datadog:appKey <value>`",
                "warning: docker:registryAuth[0].password is stored in clear in the stack file; " +
                    "store it with `pulumi config set --secret --path 'docker:registryAuth[0].password' <value>`",
                "warning: docker:host: a URL in it carries a password in clear; " +
                    "store the value with `pulumi config set --secret docker:host <value>`",
            ]),
        );
    });

    it("plain values reach the program as the CLI hands them: 2024.10 is 2024.1, with a warning", () => {
        const file = path.join(out, "Pulumi.scalars.yaml");
        const stackFile = fs.readFileSync(path.join(ROOT, "test", "fixtures", "external-stack.yaml"), "utf8");
        fs.writeFileSync(file, stackFile.replace("config:\n", "config:\n  doku:environment: 2024.10\n"));
        const result = synth("--config", file, "--out", path.join(out, "scalars"));
        expect(result.status).toBe(0);
        const monitor = JSON.parse(
            fs.readFileSync(path.join(out, "scalars", "monitors", "doku-monitors-request-duration.json"), "utf8"),
        );
        expect(monitor.query).toBe(
            "avg(last_5m):avg:doku.llm.request.duration{environment:2024.1} by {applicationname} > 10",
        );
        expect(monitor.tags).toContain("env:2024.1");
        expect(result.stderr).toContain(
            "warning: doku:environment: the Pulumi CLI reads this plain value as a YAML number, boolean, null or " +
                "date and hands the program another text than written; quote it to keep the text as written",
        );
    });

    it("a failed synth removes the files the previous synth wrote there (and only those)", () => {
        const own = path.join(out, "own");
        const external = path.join("test", "fixtures", "external-stack.yaml");
        const files = () => fs.readdirSync(own, { recursive: true }).map(String).sort();
        const removedNote = (count: number) =>
            `removed the ${count} files the previous synth wrote in ${own}, ` +
            "so that they are not taken for this stack's current review";
        expect(synth("--config", external, "--out", own).status).toBe(0);
        const manifest = () => JSON.parse(fs.readFileSync(path.join(own, ".doku-synth.json"), "utf8"));
        const written: number = manifest().files.length;
        expect(written).toBeGreaterThan(5);
        fs.writeFileSync(path.join(own, "notes.txt"), "mine");

        // The program refuses the configuration: exit 2, and the previous review is gone.
        const failed = synth("--config", path.join("test", "fixtures", "bad-stack.yaml"), "--out", own);
        expect(failed.status).toBe(2);
        expect(failed.stderr).toContain(removedNote(written));
        expect(files()).toEqual([".doku-synth.json", "notes.txt"]);
        expect(manifest()).toEqual({
            writtenBy: "npm run synth",
            files: [],
            lastRunFailed: true,
        });

        // A stack file that is not valid YAML: the same.
        expect(synth("--config", external, "--out", own).status).toBe(0);
        const broken = path.join(out, "Pulumi.broken.yaml");
        fs.writeFileSync(broken, "config:\n  doku:target: [docker\n");
        const unreadable = synth("--config", broken, "--out", own);
        expect(unreadable.status).toBe(2);
        expect(unreadable.stderr).toContain(removedNote(written));
        expect(files()).toEqual([".doku-synth.json", "notes.txt"]);
    });
});
