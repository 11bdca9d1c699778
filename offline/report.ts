import { dashboardSvg, escapeXml as esc } from "../dashboards/svg";
import type { RecordedResource } from "./recording";

/**
 * One self-contained HTML page for reviewing a stack offline: its settings
 * (secrets as [secret]), the resources as a tree by component, each
 * dashboard's picture and each monitor. Inline CSS and SVG, no external asset.
 */
export interface ReportInput {
    readonly stack: string;
    /** `doku:key` → value as configured. */
    readonly config: Record<string, string>;
    readonly secretKeys: readonly string[];
    readonly resources: readonly RecordedResource[];
    readonly dashboards: ReadonlyArray<{ readonly name: string; readonly json: any }>;
    readonly monitors: ReadonlyArray<{ readonly name: string; readonly json: any }>;
    readonly outputs: Record<string, unknown>;
}

function tree(resources: readonly RecordedResource[]): string {
    const children = new Map<string | null, RecordedResource[]>();
    for (const r of resources) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    const render = (parent: string | null): string => {
        const kids = children.get(parent) ?? [];
        if (kids.length === 0) return "";
        return `<ul>${kids
            .map((r) => {
                const sub = r.custom ? "" : render(r.name);
                return (
                    `<li class="${r.custom ? "resource" : "component"}"><span class="name">${esc(r.name)}</span> <code>${esc(r.type)}</code>` +
                    `${r.secretInputs.length ? ` <span class="secret">secret: ${esc(r.secretInputs.join(", "))}</span>` : ""}${sub}</li>`
                );
            })
            .join("")}</ul>`;
    };
    return render(null);
}

export function htmlReport(input: ReportInput): string {
    const settings = Object.keys(input.config)
        .sort()
        .map(
            (k) =>
                `<tr><th>${esc(k)}</th><td>${input.secretKeys.includes(k) ? "<em>[secret]</em>" : esc(input.config[k])}</td></tr>`,
        )
        .join("");
    const outputs = Object.entries(input.outputs)
        .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(typeof v === "string" ? v : JSON.stringify(v))}</td></tr>`)
        .join("");
    const dashboards = input.dashboards
        .map(
            (d, i) =>
                `<section class="dashboard"><h3>${esc(d.json.title ?? d.name)} <code>${esc(d.name)}</code></h3>${dashboardSvg(d.json, `d${i}`)}</section>`,
        )
        .join("");
    const monitors = input.monitors
        .map((m) => {
            const t = m.json.options?.thresholds ?? {};
            return `<tr><td>${esc(m.json.name)}</td><td><code>${esc(m.json.query)}</code></td><td>${t.warning ?? "—"}</td><td>${t.critical ?? "—"}</td></tr>`;
        })
        .join("");
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>doku: stack ${esc(input.stack)}</title>
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
<h1>Stack <span id="stack-name">${esc(input.stack)}</span></h1>
<p>What <code>pulumi up</code> would deploy, from offline synth (the program run as <code>pulumi preview</code> runs it): nothing here was deployed.</p>
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
