/**
 * @file The review page as a person sees it: headless Chromium (Debian's package)
 * opens synth's index.html from disk. Under CI this always runs (.ci/run
 * installs chromium); elsewhere it skips when Chromium is missing.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { chromium } from "playwright-core";

const ROOT = path.join(__dirname, "..");
const CHROMIUM = "/usr/bin/chromium";
const OUTPUT = path.join(ROOT, "test-output", "browser");
const REFERENCE = JSON.parse(
    fs.readFileSync(path.join(__dirname, "fixtures", "doku-llm-monitoring.dashboard.json"), "utf8"),
);

const available = fs.existsSync(CHROMIUM);
if (!available && process.env.CI !== "true") {
    console.warn(
        `browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium); ` +
            "under CI=true it runs and fails instead",
    );
}
const describeBrowser = available || process.env.CI === "true" ? describe : describe.skip;

describeBrowser("index.html in headless Chromium", () => {
    const out = path.join(OUTPUT, "synth-dev");

    beforeAll(() => {
        fs.rmSync(OUTPUT, { recursive: true, force: true });
        const synthRun = spawnSync(
            "npm",
            ["run", "--silent", "synth", "--", "--stack", "dev", "--out", out, "--open"],
            {
                cwd: ROOT,
                encoding: "utf8",
            },
        );
        expect(synthRun.status).toBe(0);
        expect(synthRun.stdout.trim().split("\n").pop()).toBe(`open: ${path.join(out, "index.html")}`);
    }, 120_000);

    it("shows every widget title of the dashboard and the resource tree, and is saved as a screenshot", async () => {
        const browser = await chromium.launch({
            executablePath: CHROMIUM,
            args: [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
        try {
            const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
            const requests: string[] = [];
            page.on("request", (request) => requests.push(request.url()));
            await page.goto(`file://${path.join(out, "index.html")}`);

            expect(await page.locator("#stack-name").textContent()).toBe("dev");
            const titles = await page.locator("#dashboards svg text.widget-title").allTextContents();
            for (const widget of REFERENCE.widgets.slice(1)) expect(titles).toContain(widget.definition.title);
            expect(titles).toContain("LLM Monitors");
            await expect(page.locator("#dashboards svg rect.widget-box").count()).resolves.toBe(18);

            const tree = page.locator("#resource-tree");
            await expect(tree.locator("li").count()).resolves.toBe(23);
            const component = tree.locator(
                'xpath=.//li[@class="component"][code[text()="doku:ingester:DokuIngester"]]',
            );
            await expect(component.locator("li.resource").count()).resolves.toBe(10);
            await expect(
                tree.locator("li.resource", { hasText: "doku-ingester-server" }).locator(".secret").textContent(),
            ).resolves.toBe("secret: envs");
            expect(await page.locator("#settings").textContent()).toContain("[secret]");
            expect(await page.locator("#monitors tr").count()).toBe(5);
            // Self-contained: nothing but the page itself is loaded.
            expect(requests.filter((url) => !url.startsWith("file://"))).toEqual([]);

            fs.mkdirSync(OUTPUT, { recursive: true });
            const shot = path.join(OUTPUT, "index.png");
            await page.screenshot({ path: shot, fullPage: true });
            expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
        } finally {
            await browser.close();
        }
    }, 60_000);
});
