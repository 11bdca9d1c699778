/**
 * @file One self-contained HTML page for reviewing a stack offline: its settings
 * (secrets as [secret]), the resources as a tree by component, each
 * dashboard's picture and each monitor. Inline CSS and SVG, no external asset.
 */
import { objectOf } from "../dashboards/apiJson";
import { dashboardSvg, escapeXml } from "../dashboards/svg";
import type { RecordedResource } from "./recording";
import { SECRET } from "./synthSecrets";

/** A resource's Datadog API JSON (exportDashboard's, exportMonitor's), under its logical name. */
export interface ExportedResource {
    /** The resource's logical name. */
    readonly name: string;
    /** Its Datadog API JSON. */
    readonly json: Readonly<Record<string, unknown>>;
}

/** What the review page shows: one synth run of one stack. */
export interface ReportInput {
    /** The stack's name. */
    readonly stack: string;
    /** `ns:key` → value as the review shows it: secrets already "[secret]", URL user-info masked (settingsView). */
    readonly config: Record<string, string>;
    /** Every resource the program registered, in order. */
    readonly resources: readonly RecordedResource[];
    /** The dashboards, drawn as pictures. */
    readonly dashboards: readonly ExportedResource[];
    /** The monitors, listed with their query and thresholds. */
    readonly monitors: readonly ExportedResource[];
    /** The stack outputs, with secrets and unknown values already replaced by "[secret]" and "[unknown]". */
    readonly outputs: Record<string, unknown>;
}

/** A JSON field as HTML text: escaped (a string as it is, anything else through `String`). */
const cellText = (value: unknown) => escapeXml(String(value));

/** The page's introduction: what it shows, and that nothing was deployed. */
const NOTHING_DEPLOYED =
    "What <code>pulumi up</code> would deploy, from offline synth " +
    "(the program run as <code>pulumi preview</code> runs it): nothing here was deployed.";

function tree(resources: readonly RecordedResource[]): string {
    const children = new Map<string | null, RecordedResource[]>();
    for (const resource of resources) {
        children.set(resource.parent, [...(children.get(resource.parent) ?? []), resource]);
    }
    const render = (parent: string | null): string => {
        const kids = children.get(parent) ?? [];
        if (kids.length === 0) return "";
        return `<ul>${kids
            .map((resource) => {
                const subtree = resource.custom ? "" : render(resource.name);
                const secrets = resource.secretInputs.length
                    ? ` <span class="secret">secret: ${escapeXml(resource.secretInputs.join(", "))}</span>`
                    : "";
                return (
                    `<li class="${resource.custom ? "resource" : "component"}">` +
                    `<span class="name">${escapeXml(resource.name)}</span> <code>${escapeXml(resource.type)}</code>` +
                    `${secrets}${subtree}</li>`
                );
            })
            .join("")}</ul>`;
    };
    return render(null);
}

/** The review page of one synth run (see the file comment). */
export function htmlReport(input: ReportInput): string {
    const settings = Object.keys(input.config)
        .sort()
        .map((key) => {
            const shown = input.config[key] === SECRET ? `<em>${SECRET}</em>` : escapeXml(input.config[key]);
            return `<tr><th>${escapeXml(key)}</th><td>${shown}</td></tr>`;
        })
        .join("");
    const outputs = Object.entries(input.outputs)
        .map(([name, value]) => {
            const shown = escapeXml(typeof value === "string" ? value : JSON.stringify(value));
            return `<tr><th>${escapeXml(name)}</th><td>${shown}</td></tr>`;
        })
        .join("");
    const dashboards = input.dashboards
        .map((dashboard, index) => {
            const title = cellText(dashboard.json.title ?? dashboard.name);
            const heading = `${title} <code>${escapeXml(dashboard.name)}</code>`;
            const picture = dashboardSvg(dashboard.json, `d${index}`);
            return `<section class="dashboard"><h3>${heading}</h3>${picture}</section>`;
        })
        .join("");
    const monitors = input.monitors
        .map((monitor) => {
            const thresholds = objectOf(objectOf(monitor.json.options).thresholds);
            return (
                `<tr><td>${cellText(monitor.json.name)}</td><td><code>${cellText(monitor.json.query)}</code></td>` +
                `<td>${thresholds.warning ?? "—"}</td><td>${thresholds.critical ?? "—"}</td></tr>`
            );
        })
        .join("");
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>doku: stack ${escapeXml(input.stack)}</title>
<style>
body { font-family: sans-serif; margin: 2em; color: #1d1f29; }
table { border-collapse: collapse; margin-bottom: 1em; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid #e3e5ec; vertical-align: top; }
code { font-size: 0.85em; color: #3b4bd6; }
.secret { color: #a3470b; font-size: 0.85em; }
ul { list-style: none; padding-left: 1.2em; border-left: 1px dotted #c9ccd6; }
li.component > .name { font-weight: bold; }
svg { max-width: 100%; height: auto; border: 1px solid #e3e5ec; }
</style>
</head>
<body>
<h1>Stack <span id="stack-name">${escapeXml(input.stack)}</span></h1>
<p>${NOTHING_DEPLOYED}</p>
<h2>Settings</h2>
<table id="settings">${settings}</table>
<h2>Outputs</h2>
<table id="outputs">${outputs}</table>
<h2>Resources (${input.resources.length})</h2>
<div id="resource-tree">${tree(input.resources)}</div>
<h2>Dashboards</h2>
<div id="dashboards">${dashboards}</div>
<h2>Monitors</h2>
<table id="monitors"><tr><th>name</th><th>query</th><th>warning</th><th>critical</th></tr>${monitors}</table>
</body>
</html>
`;
}
