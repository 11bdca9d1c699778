import * as fs from "node:fs";
import * as path from "node:path";
import { DOMParser, Document, Element } from "@xmldom/xmldom";
import { exportDashboard } from "../dashboards/export";
import { llmMonitoringDashboard } from "../dashboards/llmMonitoring";
import { GRID, dashboardSvg } from "../dashboards/svg";

const REFERENCE = JSON.parse(
    fs.readFileSync(path.join(__dirname, "fixtures", "doku-llm-monitoring.dashboard.json"), "utf8"),
);

/** Parses strictly: any XML error fails. */
function parseSvg(svg: string): Document {
    const errors: string[] = [];
    const doc = new DOMParser({
        onError: (level, msg) => {
            errors.push(`${level}: ${msg}`);
        },
    }).parseFromString(svg, "image/svg+xml");
    expect(errors).toEqual([]);
    return doc;
}

const all = (doc: Document, tag: string): Element[] => Array.from(doc.getElementsByTagName(tag));
const byClass = (doc: Document, tag: string, cls: string) =>
    all(doc, tag).filter((element) => element.getAttribute("class") === cls);

describe("the dashboard picture", () => {
    const dashboard: any = exportDashboard(
        llmMonitoringDashboard({
            extraTemplateVariables: ["model"],
            templateVariableDefaults: { environment: "prod" },
        }),
    );
    const doc = parseSvg(dashboardSvg(dashboard));

    it("is a well-formed SVG sized to the 12-column grid", () => {
        const root = doc.documentElement;
        expect(root!.tagName).toBe("svg");
        expect(root!.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
        expect(Number(root!.getAttribute("width"))).toBe(GRID.pad * 2 + 12 * GRID.column);
        // The last widgets end at row 19 (y 14 + height 5).
        expect(Number(root!.getAttribute("height"))).toBe(GRID.top + 19 * GRID.row + GRID.pad);
    });

    it("has one box per widget at the position and size its layout gives", () => {
        const boxes = byClass(doc, "rect", "widget-box");
        expect(boxes).toHaveLength(17);
        boxes.forEach((box, index) => {
            const layout = REFERENCE.widgets[index].layout;
            expect(
                [
                    box.getAttribute("x"),
                    box.getAttribute("y"),
                    box.getAttribute("width"),
                    box.getAttribute("height"),
                ].map(Number),
            ).toEqual([
                GRID.pad + layout.x * GRID.column,
                GRID.top + layout.y * GRID.row,
                layout.width * GRID.column - GRID.gap,
                layout.height * GRID.row - GRID.gap,
            ]);
            expect(box.parentNode && (box.parentNode as Element).getAttribute("data-type")).toBe(
                REFERENCE.widgets[index].definition.type,
            );
        });
        // Spot checks in pixels: Avg Request Duration at column 0, row 1, 3×2; Response at column 6, row 14, 6×5.
        expect(["x", "y", "width", "height"].map((attribute) => Number(boxes[1].getAttribute(attribute)))).toEqual([
            16, 164, 234, 114,
        ]);
        expect(["x", "y", "width", "height"].map((attribute) => Number(boxes[16].getAttribute(attribute)))).toEqual([
            496, 944, 474, 294,
        ]);
    });

    it("shows every title, each widget's type and the metric it plots, the variables and the dashboard title", () => {
        const titles = byClass(doc, "text", "widget-title").map((text) => text.textContent);
        expect(titles.slice(1)).toEqual(REFERENCE.widgets.slice(1).map((widget: any) => widget.definition.title));
        expect(byClass(doc, "text", "widget-type").map((text) => text.textContent?.split(" ")[0])).toEqual([
            "IMG",
            "QV",
            "QV",
            "QV",
            "QV",
            "TS",
            "SB",
            "SB",
            "SB",
            "SB",
            "QV",
            "TS",
            "QV",
            "TL",
            "TS",
            "LS",
            "LS",
        ]);
        const subjects = byClass(doc, "text", "widget-subject").map((text) => text.textContent);
        expect(subjects).toContain("doku.llm.request.duration");
        expect(subjects).toContain("doku.llm.prompt.tokens, doku.llm.completion.tokens");
        expect(subjects).toContain("logs: host:doku type:prompt $applicationname $environment $model");
        expect(byClass(doc, "g", "template-variable").map((group) => group.textContent)).toEqual([
            "$applicationname: *",
            "$environment: prod",
            "$model: *",
        ]);
        expect(byClass(doc, "text", "dashboard-title")[0].textContent).toBe("Doku - LLM Monitoring");
    });

    it("escapes what it draws", () => {
        const dashboard: any = exportDashboard(llmMonitoringDashboard({ title: 'Costs <prod> & "friends"' }));
        const parsed = parseSvg(dashboardSvg(dashboard));
        expect(byClass(parsed, "text", "dashboard-title")[0].textContent).toBe('Costs <prod> & "friends"');
    });
});
