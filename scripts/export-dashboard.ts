/**
 * Prints (or writes) the Datadog API JSON of the "Doku - LLM Monitoring"
 * dashboard with default options, ready to import by hand.
 *
 *   npm run export-dashboard -- [--out file]
 */
import * as fs from "node:fs";
import { exportDashboard } from "../dashboards/export";
import { llmMonitoringDashboard } from "../dashboards/llmMonitoring";

const args = process.argv.slice(2);
if (args.length !== 0 && !(args.length === 2 && args[0] === "--out")) {
    console.error("usage: npm run export-dashboard -- [--out file]");
    process.exit(1);
}
const json = `${JSON.stringify(exportDashboard(llmMonitoringDashboard()), null, 2)}\n`;
if (args[1] === undefined) process.stdout.write(json);
else {
    fs.writeFileSync(args[1], json);
    console.log(`wrote ${args[1]}`);
}
