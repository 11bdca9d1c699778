/**
 * @file What the toolchain builds, and from which Go modules. Facts read from pulumi/pulumi at tag
 * `pkg/v3.248.0` (commit dc7edd58bc13, pkg/go.mod: `go 1.25.11`, the clipboard replace) and from the providers'
 * npm packages (`pulumi.version` in each package.json).
 */

/** The Pulumi CLI's version: the same as the `@pulumi/pulumi` SDK this repository pins (test/toolchain.test.ts). */
export const PULUMI_VERSION = "3.248.0";

/** The CLI's Go module and main package (pulumi/pulumi pkg/cmd/pulumi). */
export const CLI_MODULE = "github.com/pulumi/pulumi/pkg/v3";
/** The CLI's main package. */
export const CLI_PACKAGE = `${CLI_MODULE}/cmd/pulumi`;
/** The SDK module the CLI requires at the same version (pkg/go.mod replaces it with `../sdk`). */
export const SDK_MODULE = "github.com/pulumi/pulumi/sdk/v3";

/**
 * pkg/go.mod's replace that a wrapper module must repeat (a `replace` in a dependency's go.mod is ignored, and
 * `go install …@version` refuses a module with replaces).
 */
export const CLI_REPLACES: readonly string[] = [
    "github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e",
];

/** The linker flag that sets the CLI's version; without it the Automation API refuses the CLI. */
export const CLI_VERSION_FLAG = `-X ${SDK_MODULE}/go/common/version.Version=v${PULUMI_VERSION}`;
/** The tags of Pulumi's release builds (pulumi/pulumi .goreleaser.yml). */
export const CLI_BUILD_TAGS = "osusergo,grpcnotrace";

/** A provider plugin the program's SDKs ask for: the npm package and the plugin version it requests. */
export interface ProviderPlugin {
    /** The plugin's name (`pulumi-resource-<name>`). */
    readonly name: string;
    /** The provider's Go module (`provider/vN` of its repository, which has no `provider/` tags). */
    readonly module: string;
}

/** The four provider plugins the program's SDKs load (their versions come from node_modules). */
export const PROVIDER_PLUGINS: readonly ProviderPlugin[] = [
    { name: "datadog", module: "github.com/pulumi/pulumi-datadog/provider/v5" },
    { name: "docker", module: "github.com/pulumi/pulumi-docker/provider/v5" },
    { name: "kubernetes", module: "github.com/pulumi/pulumi-kubernetes/provider/v4" },
    { name: "random", module: "github.com/pulumi/pulumi-random/provider/v4" },
];
