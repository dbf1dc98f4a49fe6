// The HTML reports of check and audit, opened from disk in chromium (scripts/browser-check.sh
// sets CHROMIUM, PRESETLINT, ARTIFACTS and NODE_PATH). Each assertion names what it expected.
import { createRequire } from "node:module";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import assert from "node:assert/strict";

const require = createRequire(join(process.env.NODE_PATH, "x.js"));
const { chromium } = require("playwright-core");
const presetlint = process.env.PRESETLINT;
const artifacts = process.env.ARTIFACTS;
const started = Date.now();

const dir = mkdtempSync(join(tmpdir(), "presetlint-browser-"));
const run = (args, cwd) => spawnSync(presetlint, args, { cwd, encoding: "utf8" });

// check: a preset whose name and values are markup.
const library = join(dir, "library");
mkdirSync(library);
const hostileName = "<img src=x onerror=alert(1)>.json";
writeFileSync(join(library, hostileName),
  '{"iconikSidecarElements": ["{Project}"], "iconikSidecarExtensions": ["</script><script>alert(2)</script>"]}\n');
writeFileSync(join(library, "camera-a.json"),
  '{\n  "iconikSidecarElements": "{Project}, {Card}",\n  "iconikSidecarExtensions": [".R3D", ".R3D"]\n}\n');
const check = run(["check", "--no-config", "--format", "html", "--output-file", join(dir, "check.html"), "."], library);
assert.equal(check.status, 1, `check exits 1: ${check.stderr}`);

// audit: two card folders, a hostile folder name, a hostile value in a sidecar.
const raid = join(dir, "RAID");
const cards = { "A001": ["A001C001.R3D", "A001C002.R3D"], '"><svg onload=alert(3)>': ["B001C001.R3D", "B001C002.R3D", "B001C003.R3D"] };
for (const [card, clips] of Object.entries(cards)) {
  mkdirSync(join(raid, card), { recursive: true });
  for (const clip of clips) writeFileSync(join(raid, card, clip), "clip");
}
writeFileSync(join(dir, "preset.json"), '{"iconikSidecarExtensions": [".R3D"], "iconikSidecarElements": ["{Project}"]}');
const values = ["--set", "Project=PRX", "--no-config"];
assert.equal(run(["generate", "preset.json", "--destination", "RAID", "--no-sync", ...values], dir).status, 0);
const hostileCard = join(raid, '"><svg onload=alert(3)>');
writeFileSync(join(hostileCard, "B001C002.R3D.json"),
  '{"metadata_values": {"Project": {"field_values": [{"value": "</script><script>alert(4)</script>"}]}}}');
rmSync(join(hostileCard, "B001C003.R3D.json"));
const audit = run(["audit", "RAID", "--preset", "preset.json", ...values, "--format", "html", "--output-file", join(dir, "audit.html")], dir);
assert.equal(audit.status, 1, `audit exits 1 (a clip without its sidecar): ${audit.stderr}`);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ["--no-sandbox"] });
let failures = 0;
async function page(file, javaScriptEnabled) {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  const dialogs = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const url = pathToFileURL(join(dir, file)).href;
  await page.goto(url);
  await page.waitForLoadState("load");
  return { context, page, requests, dialogs, url };
}
async function expectInert({ page, requests, dialogs, url }, what) {
  assert.deepEqual(requests, [url], `${what}: the report is the only request`);
  assert.deepEqual(dialogs, [], `${what}: no script ran`);
  assert.equal(await page.locator("script, img, iframe, object, embed").count(), 0, `${what}: no active element`);
}

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? "scripts allowed" : "scripts off";
  // check
  const c = await page("check.html", javaScriptEnabled);
  await expectInert(c, `check, ${how}`);
  assert.equal(await c.page.locator("#summary").textContent(), "2 errors, 1 warning in 2 of 2 files");
  const headings = await c.page.locator("section.file h2").allTextContents();
  assert.deepEqual(headings, [hostileName, "camera-a.json"], `check, ${how}: files by name, the hostile one as text`);
  const marked = await c.page.locator("section.file").first().locator("mark").textContent();
  assert.equal(marked, '"</script><script>alert(2)</script>"', `check, ${how}: the hostile value as text`);
  const rules = await c.page.locator("a.rule").allTextContents();
  assert.deepEqual(rules, ["PL302 invalid-extension", "PL004 schema-violation", "PL102 duplicate-entry"], `check, ${how}: each finding with its rule`);
  const at = await c.page.locator("span.at").allTextContents();
  assert.deepEqual(at, ["1:70", "2:28", "3:39"], `check, ${how}: each finding at its line and column`);
  await c.page.screenshot({ path: join(artifacts, `html-check${javaScriptEnabled ? "" : "-no-js"}.png`), fullPage: true });
  await c.context.close();
  // audit
  const a = await page("audit.html", javaScriptEnabled);
  await expectInert(a, `audit, ${how}`);
  const titles = await a.page.locator("svg g.folder title").allTextContents();
  assert.deepEqual(titles, [
    'RAID/"><svg onload=alert(3)>: 1 good, 1 with findings, 1 without a sidecar',
    "RAID/A001: 2 good, 0 with findings, 0 without a sidecar",
  ].sort(), `audit, ${how}: one bar per card folder`);
  assert.equal(await a.page.locator("svg rect.bad").count(), 1);
  assert.equal(await a.page.locator("svg rect.none").count(), 1);
  const messages = await a.page.locator("p.message").allTextContents();
  assert.ok(messages.some((m) => m.includes('"</script><script>alert(4)</script>" here')), `audit, ${how}: the hostile value as text: ${messages}`);
  await a.page.screenshot({ path: join(artifacts, `html-audit${javaScriptEnabled ? "" : "-no-js"}.png`), fullPage: true });
  await a.context.close();
}
// The README's pictures: a library and a shuttle drive as a DIT has them (written to
// ARTIFACTS as readme-*.png; docs/img/ holds the copies the README shows).
const day = join(dir, "day");
for (const [card, clips] of Object.entries({ "Day01/A001": 8, "Day01/A002": 6, "Day01/B001": 7, "Day02/A003": 5 })) {
  mkdirSync(join(day, card), { recursive: true });
  for (let i = 1; i <= clips; i++) writeFileSync(join(day, card, `${card.slice(-4)}C00${i}.R3D`), "clip");
}
assert.equal(run(["generate", "preset.json", "--destination", "day", "--no-sync", ...values], dir).status, 0);
writeFileSync(join(day, "Day01/B001/B001C004.R3D.json"), '{"metadata_values": {"Project": {"field_values": [{"value": "PRX-OLD"}]}}}');
rmSync(join(day, "Day01/B001/B001C006.R3D.json"));
rmSync(join(day, "Day01/B001/B001C007.R3D.json"));
run(["audit", "day", "--preset", "preset.json", ...values, "--format", "html", "--output-file", join(dir, "readme-audit.html")], dir);
run(["check", "--no-config", "--format", "html", "--output-file", join(dir, "readme-check.html"), "camera-a.json"], library);
for (const name of ["readme-audit", "readme-check"]) {
  const r = await page(`${name}.html`, false);
  await expectInert(r, name);
  await r.page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  await r.context.close();
}
await browser.close();
rmSync(dir, { recursive: true, force: true });
console.log(`browser-check: the HTML reports of check and audit, 2 pages x 2 (scripts allowed, off): ok in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${artifacts}`);
