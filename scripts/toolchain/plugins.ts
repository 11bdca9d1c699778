/**
 * @file The provider plugins the program's SDKs ask for, looked up on the Go module proxy. Each release is
 * required at the commit of its repository tag `vX.Y.Z` (no `provider/` tags exist): the tag's commit comes from
 * the proxy's `+incompatible` info of the repository's root module (its Origin), and the provider module is then
 * asked for at that commit's pseudo-version. What the proxy answered is cached: its "not available" is final,
 * so a warm run asks nothing.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { downloadInfo } from "./go";
import { ProviderPlugin, PROVIDER_PLUGINS } from "./versions";

/** What the module proxy serves of one provider plugin at the version its npm package asks for. */
export interface PluginLookup {
    readonly name: string;
    /** The plugin version the npm package requests (its package.json `pulumi.version`). */
    readonly version: string;
    /** The repository tag's commit, when the proxy told it. */
    readonly commit?: string;
    /** The provider module's pseudo-version at that commit, when known. */
    readonly pseudoVersion?: string;
    /** Whether the proxy serves the provider module at that version. */
    readonly served: boolean;
    /** What the proxy answered, when it refused. */
    readonly refusal?: string;
}

/** The plugin version an npm provider package requests (`pulumi.version` in its package.json). */
export function requestedVersion(nodeModules: string, name: string): string {
    const manifest = JSON.parse(fs.readFileSync(path.join(nodeModules, "@pulumi", name, "package.json"), "utf8"));
    return String(manifest.pulumi?.version ?? manifest.version);
}

/** A Go pseudo-version for a commit of a module with no tags of its own: `vN.0.0-<UTC time>-<12 hex>`. */
export function pseudoVersion(modulePath: string, commitTime: string, commit: string): string {
    const major = /\/v(\d+)$/.exec(modulePath)?.[1] ?? "0";
    const stamp = new Date(commitTime).toISOString().replace(/[-:T]/g, "").slice(0, 14);
    return `v${major}.0.0-${stamp}-${commit.slice(0, 12)}`;
}

/** Asks the proxy for one plugin: the tag's commit, then the provider module at it. */
export function lookUp(plugin: ProviderPlugin, version: string, scratch: string): PluginLookup {
    const repository = plugin.module.replace(/\/provider\/v\d+$/, "");
    const tag = downloadInfo(scratch, repository, `v${version}+incompatible`);
    if (!tag.ok || tag.info.Origin?.Hash === undefined || tag.info.Time === undefined) {
        const refusal = tag.ok ? "no commit in the tag's info" : tag.error;
        return { name: plugin.name, version, served: false, refusal: `${repository}@v${version}: ${refusal}` };
    }
    const commit = tag.info.Origin.Hash;
    const pseudo = pseudoVersion(plugin.module, tag.info.Time, commit);
    const module = downloadInfo(scratch, plugin.module, pseudo);
    return module.ok
        ? { name: plugin.name, version, commit, pseudoVersion: pseudo, served: true }
        : {
              name: plugin.name,
              version,
              commit,
              pseudoVersion: pseudo,
              served: false,
              refusal: `${plugin.module}@${pseudo}: ${module.error}`,
          };
}

/** Each plugin the SDKs in `nodeModules` request, looked up (or read from `reportFile` when looked up before). */
export function lookUpPlugins(nodeModules: string, reportFile: string): PluginLookup[] {
    const cached: PluginLookup[] = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, "utf8")) : [];
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "doku-toolchain-"));
    try {
        const lookups = PROVIDER_PLUGINS.map((plugin) => {
            const version = requestedVersion(nodeModules, plugin.name);
            return (
                cached.find((entry) => entry.name === plugin.name && entry.version === version) ??
                lookUp(plugin, version, scratch)
            );
        });
        // Only the proxy's own answers are kept: a refusal it gave ("not available") is final, a failure to ask
        // (no network, no go) is not.
        const final = lookups.filter((entry) => entry.served || /not available/.test(entry.refusal ?? ""));
        fs.mkdirSync(path.dirname(reportFile), { recursive: true });
        fs.writeFileSync(reportFile, JSON.stringify(final, null, 2) + "\n");
        return lookups;
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}
