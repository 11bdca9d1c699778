import * as fs from "node:fs";
import * as path from "node:path";
import type { RecordedResource } from "../offline/recording";
import { redactedInputs } from "../offline/recording";
import { PROVIDER_SECRETS, maskUserInfo, scrubber, settingsView } from "../offline/synthSecrets";
import { UNKNOWN } from "../offline/engine/properties";

const ROOT = path.join(__dirname, "..");

/** The inputs a provider package's generated `Provider` lists in `additionalSecretOutputs` (provider.js). */
function sdkSecretInputs(pkg: string): string[] {
    const source = fs.readFileSync(path.join(ROOT, "node_modules", "@pulumi", pkg, "provider.js"), "utf8");
    const list = /additionalSecretOutputs: \[([^\]]*)\]/.exec(source)?.[1];
    return list === undefined ? [] : [...list.matchAll(/"([^"]+)"/g)].map((match) => match[1]);
}

describe("the provider secrets synth hides", () => {
    it("are the installed SDKs' secret provider inputs, plus the credentials their docs describe", () => {
        const listed = (pkg: string) =>
            Object.keys(PROVIDER_SECRETS)
                .filter((key) => key.startsWith(`${pkg}:`))
                .map((key) => key.slice(pkg.length + 1))
                .sort();
        expect(sdkSecretInputs("datadog").sort()).toEqual(listed("datadog"));
        // These SDKs mark none secret: their entries come from the documented content (see PROVIDER_SECRETS).
        for (const pkg of ["docker", "kubernetes", "random"]) expect(sdkSecretInputs(pkg)).toEqual([]);
        expect(listed("kubernetes")).toEqual(["kubeconfig"]);
        expect(listed("docker")).toEqual(["keyMaterial", "registryAuth"]);
        expect(listed("random")).toEqual([]);
    });
});

describe("settingsView", () => {
    it("hides secure values, secrets in clear and URL user-info, and warns once per key stored in clear", () => {
        const view = settingsView({
            config: {
                "doku:datadogApiKey": "synth-placeholder",
                "doku:apiKey": "dk-in-clear-0123456789",
                "datadog:bearerToken": "ddpat_0123456789",
                "docker:host": "ssh://ops@build-box",
                "docker:registryAuth": '[{"address":"ghcr.io","password":"pw-0123456"}]',
                "doku:target": "docker",
            },
            secretKeys: ["doku:datadogApiKey"],
        });
        expect(view.shown).toEqual({
            "doku:datadogApiKey": "[secret]",
            "doku:apiKey": "[secret]",
            "datadog:bearerToken": "[secret]",
            "docker:host": "ssh://[secret]@build-box",
            "docker:registryAuth": '[{"address":"ghcr.io","password":"[secret]"}]',
            "doku:target": "docker",
        });
        expect(view.clearSecrets.sort()).toEqual(["ddpat_0123456789", "dk-in-clear-0123456789", "pw-0123456"]);
        expect(view.warnings).toEqual([
            "doku:apiKey is stored in clear in the stack file; " +
                "store it with `pulumi config set --secret doku:apiKey <value>`",
            "datadog:bearerToken is stored in clear in the stack file; " +
                "store it with `pulumi config set --secret datadog:bearerToken <value>`",
            "docker:registryAuth[0].password is stored in clear in the stack file; " +
                "store it with `pulumi config set --secret --path 'docker:registryAuth[0].password' <value>`",
        ]);
    });

    it("hides a secret field whatever its YAML type (a password of digits is a number in the CLI's JSON)", () => {
        const view = settingsView({
            config: { "docker:registryAuth": '[{"address":"ghcr.io","password":12345678901}]' },
            secretKeys: [],
        });
        expect(view.shown["docker:registryAuth"]).toBe('[{"address":"ghcr.io","password":"[secret]"}]');
        expect(view.clearSecrets).toEqual(["12345678901"]);
        expect(view.warnings).toEqual([
            "docker:registryAuth[0].password is stored in clear in the stack file; " +
                "store it with `pulumi config set --secret --path 'docker:registryAuth[0].password' <value>`",
        ]);
    });
});

describe("scrubber", () => {
    it("hides each secret as written, as JSON and as HTML escape it, and every URL's user-info", () => {
        const scrub = scrubber(["line one\n<two>", "short"]);
        expect(scrub('{"a":"line one\\n<two>"} line one\n<two> line one\n&lt;two&gt; short')).toBe(
            '{"a":"[secret]"} [secret] [secret] short',
        );
        expect(maskUserInfo("tcp://u:p@h:2376 https://h/p?x=a@b mailto:sre@example.com")).toBe(
            "tcp://[secret]@h:2376 https://h/p?x=a@b mailto:sre@example.com",
        );
    });
});

describe("redactedInputs", () => {
    const container = (envs: unknown, secretInputs: string[]): RecordedResource => ({
        type: "docker:index/container:Container",
        name: "c",
        urn: "urn:pulumi:dev::doku::docker:index/container:Container::c",
        parent: null,
        custom: true,
        inputs: { envs, image: UNKNOWN },
        secretInputs,
        dependsOn: [],
        additionalSecretOutputs: [],
        provider: "",
    });

    it("shows a list secret as a whole entry by entry when the markers account for its secret", () => {
        const resource = container(["HOST=db", "PASSWORD=generated-pw"], ["envs"]);
        expect(redactedInputs(resource, ["generated-pw"])).toEqual({
            envs: ["HOST=db", "PASSWORD=[secret]"],
            image: "[unknown]",
        });
        expect(redactedInputs(resource, ["another"])).toEqual({ envs: "[secret]", image: "[unknown]" });
        expect(redactedInputs(resource)).toEqual({ envs: "[secret]", image: "[unknown]" });
        expect(redactedInputs(container(["HOST=db", "PASSWORD=pw"], ["envs[1]"]))).toEqual({
            envs: ["HOST=db", "[secret]"],
            image: "[unknown]",
        });
    });
});
