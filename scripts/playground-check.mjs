// The playground in chromium, opened from disk (scripts/browser-check.sh builds it and sets
// CHROMIUM, PRESETLINT, PLAYGROUND, ARTIFACTS and NODE_PATH). Each assertion names what it
// expected. Asserts:
// - for every single-preset fixture of tests/fixtures/{err,ok,fix}, the page's engine gives
//   byte for byte what `presetlint check --format json` prints in the fixture's folder, and
//   its fixes what `check --fix` (and `--unsafe-fixes`) write;
// - typing underlines and lists the findings; a finding's fix applies in place; fix all;
// - the review panel's form (a drop-down from the view) changes the sidecar shown, and a value
//   the view refuses is said at its field;
// - the state comes back from the link's fragment; no request leaves the page.
// It prints the module's size and the time from a keystroke to the findings of a 20 KB preset.
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import assert from "node:assert/strict";

const require = createRequire(join(process.env.NODE_PATH, "x.js"));
const { chromium } = require("playwright-core");
const presetlint = process.env.PRESETLINT;
const playground = process.env.PLAYGROUND;
const artifacts = process.env.ARTIFACTS;
const fixtures = join(process.cwd(), "tests/fixtures");
const started = Date.now();

const wasm = readFileSync(join(playground, "presetlint.wasm"));
const gzipped = gzipSync(wasm, { level: 9 }).length;
assert.ok(gzipped <= 1.5 * 1024 * 1024, `the module is at most 1.5 MiB gzipped (it is ${gzipped} bytes)`);

// ---- the fixtures, as the command line sees them ------------------------------------------

/** The fixture's page files (everything a walk of its folder would see) and its preset. */
function fixtureCases() {
  const cases = [];
  for (const group of ["err", "ok", "fix"]) {
    const dir = join(fixtures, group);
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        const files = {};
        for (const file of readdirSync(path)) {
          if (/\.(json|hedge|toml)$/.test(file)) files[file] = readFileSync(join(path, file), "utf8");
        }
        const preset = ["preset.json", "preset.hedge"].find((p) => p in files);
        cases.push({ cwd: path, preset, files, config: "presetlint.toml" in files ? "presetlint.toml" : null });
      } else if (/\.(json|hedge)$/.test(name) && name !== "pl001-not-utf8.json") {
        // (A page holds text: a file that is not UTF-8 never reaches it as such.)
        cases.push({ cwd: dir, preset: name, files: { [name]: readFileSync(path, "utf8") }, config: null, group });
      }
    }
  }
  return cases;
}

const cli = (args, cwd) => spawnSync(presetlint, args, { cwd, encoding: "utf8" });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ["--no-sandbox"] });
const context = await browser.newContext({ viewport: { width: 1300, height: 1100 } });
const page = await context.newPage();
const requests = [];
const errors = [];
page.on("request", (r) => requests.push(r.url()));
page.on("pageerror", (e) => errors.push(e.message));
const dialogs = [];
page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
const url = pathToFileURL(join(playground, "index.html")).href;
await page.goto(url);
await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });

let compared = 0;
for (const c of fixtureCases()) {
  const args = ["check", "--format", "json", ...(c.config ? ["--config", c.config] : ["--no-config"]), c.preset];
  const expected = cli(args, c.cwd).stdout;
  const request = { op: "check", files: c.files, preset: c.preset, config: c.config };
  const answer = await page.evaluate((r) => globalThis.playground.ask(r), request);
  assert.equal(answer.report, expected, `the page's findings for ${c.cwd}/${c.preset} are check --format json's`);
  if (c.group === "fix") {
    for (const unsafe of [false, true]) {
      const fixed = await page.evaluate((r) => globalThis.playground.ask(r), { ...request, op: "fix", unsafe_fixes: unsafe });
      const beside = (ending) => join(c.cwd, c.preset + ending);
      const want = [unsafe && beside(".unsafe-fixed"), beside(".fixed")].find((p) => p && existsSync(p));
      const text = want ? readFileSync(want, "utf8") : c.files[c.preset];
      assert.equal(fixed.text, text, `the page's ${unsafe ? "unsafe " : ""}fix of ${c.preset} is check --fix's`);
    }
  }
  compared++;
}
assert.ok(compared >= 59, `every fixture compared (${compared})`);

// ---- a person at the page -------------------------------------------------------------------

const findings = () => page.locator("#findings li").allInnerTexts();
const preset = '{\n  "iconikSidecarExtensions": [".R3D;.MOV"],\n  "iconikSidecarElements": ["{project}", "{camera}", "{keywords}"]\n}\n';
const view = JSON.stringify({
  name: "Dailies",
  view_fields: [
    { name: "project", label: "Project", field_type: "string" },
    { name: "camera", label: "Camera", field_type: "drop_down", options: [{ label: "A Camera", value: "A" }, { label: "B Camera", value: "B" }] },
    { name: "keywords", label: "Keywords", field_type: "tag_cloud", multi: true },
  ],
}, null, 2);
await page.fill("#preset-name", "set.json");
await page.fill("#view", view);
await page.fill("#preset", "");
await page.locator("#preset").pressSequentially(preset.replace(/\n\s*/g, " "), { delay: 0 });
let listed = await findings();
assert.equal(listed.length, 1, `one finding after typing: ${listed}`);
assert.equal(listed[0], 'error PL101 list-in-string 1:31 ".R3D;.MOV" holds 2 entries in one string; in a preset each entry is its own stringFix');
assert.equal(await page.locator("#preset-backdrop mark.error").innerText(), '".R3D;.MOV"', "the finding is underlined where it is");
assert.equal(await page.locator("#findings li a.code").getAttribute("href"),
  "https://github.com/presetlint/presetlint/blob/main/docs/rules.md#pl101-list-in-string", "the rule links to its documentation");

await page.locator("#findings li button.fix").click();
assert.equal(await page.inputValue("#preset"), '{ "iconikSidecarExtensions": [".R3D", ".MOV"], "iconikSidecarElements": ["{project}", "{camera}", "{keywords}"] } ',
  "the fix applied in place");
assert.equal((await findings()).length, 0, "no finding after the fix");

// The sidecar: the form has the view's drop-down; a value changes the sidecar shown.
await page.fill("#clip", "/Volumes/RAID/A001/A001C003.R3D");
// An element without a value is said at its field, as preview says it (PL701).
await page.waitForFunction(() => document.querySelector('[data-field="project"]')?.textContent !== "");
assert.equal(await page.locator('[data-field="project"]').innerText(),
  'PL701 "{project}" has no value; its field is left out of the sidecar (give it one with --set project=VALUE, --values FILE or --transfer-log FILE)');
assert.equal(await page.locator("#value-camera").evaluate((s) => [...s.options].map((o) => o.textContent).join("|")),
  "—|A Camera (A)|B Camera (B)", "a drop-down field is a drop-down with the view's values");
await page.fill("#value-keywords", "night\nrain");
await page.fill("#value-project", "Night Shoot");
await page.selectOption("#value-camera", "B");
await page.waitForFunction(() => document.querySelector("#preview-text").textContent.includes('"B"'));
const shown = await page.locator("#preview-text").innerText();
assert.match(shown, /^clip: \/Volumes\/RAID\/A001\/A001C003\.R3D\ngets a sidecar: yes\n/, shown);
assert.ok(shown.includes('sidecar: /Volumes/RAID/A001/A001C003.R3D.json (json, append naming; existing: none)'), shown);
assert.ok(shown.includes('"project": {\n      "field_values": [\n        {\n          "value": "Night Shoot"'), shown);
assert.ok(shown.includes('"keywords": {\n      "field_values": [\n        {\n          "value": "night"\n        },\n        {\n          "value": "rain"'), shown);
assert.equal(await page.locator('[data-field="project"]').innerText(), "", "the project's finding is gone with its value");
await page.selectOption("#format", "xml");
await page.waitForFunction(() => document.querySelector("#preview-text").textContent.includes("<?xml"));

// A value the view's drop-down does not have is said at its field (PL702), as preview says it.
await page.fill("#view", view.replace('"value": "B"', '"value": "C"'));
await page.waitForFunction(() => document.querySelector('[data-field="camera"]').textContent !== "");
assert.equal(await page.locator('[data-field="camera"]').innerText(),
  'PL702 "B" is not one of the values of drop-down field "camera" (the values are "A", "C")', "the refused value is said at its field");

// The link: a new page from the fragment shows the same inputs and findings.
await page.waitForTimeout(400);
const link = page.url();
assert.ok(link.includes("#"), "the state is in the fragment");
const again = await context.newPage();
again.on("request", (r) => requests.push(r.url()));
await again.goto(link);
await again.waitForSelector("body[data-ready=true]");
assert.equal(await again.inputValue("#preset"), await page.inputValue("#preset"), "the preset comes back from the link");
assert.equal(await again.inputValue("#value-project"), "Night Shoot", "the form's values come back");
assert.equal(await again.inputValue("#format"), "xml", "the sidecar format comes back");
await again.close();

// A dropped preset takes the editor, under its own name.
await page.evaluate(() => {
  const data = new DataTransfer();
  data.items.add(new File(['{"iconikSidecarElements": ["{Shoot Day}"]}'], "dropped.hedge"));
  document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
});
await page.waitForFunction(() => document.querySelector("#preset-name").value === "dropped.hedge");
assert.equal((await findings())[0].split(" ").slice(0, 4).join(" "), "error PL201 element-has-space 1:28", "the dropped preset is checked");

// Hostile names and values are shown as text, never run.
await page.fill("#preset-name", "<img src=x onerror=alert(1)>.json");
await page.fill("#preset", '{"iconikSidecarElements": ["{</script><script>alert(2)</script>}"], "<svg onload=alert(3)>": 1}');
await page.fill("#clip", "/Volumes/<img src=x onerror=alert(4)>/A001.R3D");
await page.waitForFunction(() => document.querySelector("#preview-text").textContent.includes("onerror=alert(4)"));
assert.ok((await findings()).some((f) => f.includes("</script><script>alert(2)</script>")), "the hostile element is listed as text");
assert.equal(await page.locator("#findings img, #findings script, #findings svg, #preview-text img, #form script").count(), 0, "no markup from the inputs");
assert.deepEqual(dialogs, [], "nothing from the inputs ran");

// A file of several presets: the sidecar of the one chosen.
await page.fill("#clip", "/Volumes/RAID/A001/A001C003.wav");
await page.fill("#preset", readFileSync(join(fixtures, "two-presets.hedge"), "utf8"));
await page.waitForFunction(() => !document.querySelector("#choice-box").hidden);
assert.equal(await page.locator("#choice").evaluate((s) => [...s.options].map((o) => o.textContent).join("|")), "preset 0|preset 1");
assert.match(await page.locator("#preview-text").innerText(), /^clip: \/Volumes\/RAID\/A001\/A001C003\.wav\ngets a sidecar: no\n/);
await page.selectOption("#choice", "1");
await page.waitForFunction(() => document.querySelector("#preview-text").textContent.includes("gets a sidecar: yes"));

// Fix all, on the bundled example.
await page.goto(url);
await page.waitForSelector("body[data-ready=true]");
const before = (await findings()).length;
await page.click("#fix-safe");
const after = (await findings()).length;
assert.ok(after < before, `fix all leaves fewer findings (${before} -> ${after})`);
await page.screenshot({ path: join(artifacts, "playground.png"), fullPage: true });

// Speed: a keystroke in a 20 KB preset, to its findings on screen.
const big = JSON.stringify({
  iconikSidecarElements: ["{Project}", "{Camera}"],
  iconikSidecarExtensions: Array.from({ length: 1500 }, (_, i) => `.X${i}`),
}, null, 2);
await page.fill("#preset", big);
await page.locator("#preset").focus();
await page.evaluate(() => { globalThis.playground.timings.length = 0; });
for (let i = 0; i < 15; i++) await page.keyboard.press("End");
for (let i = 0; i < 15; i++) await page.keyboard.type(" ");
const timings = await page.evaluate(() => [...globalThis.playground.timings].sort((a, b) => a - b));
const median = timings[Math.floor(timings.length / 2)];

await browser.close();
assert.deepEqual(errors, [], "no error in the page");
const left = requests.filter((r) => !r.startsWith("file:"));
assert.deepEqual(left, [], "no request left the page");
console.log(`playground: ${compared} fixtures as the CLI has them; module ${wasm.length} bytes, ${gzipped} gzipped; ` +
  `${basename(big.length + "")}-byte preset: keystroke to findings median ${median.toFixed(1)} ms (of ${timings.length}); ` +
  `${((Date.now() - started) / 1000).toFixed(1)} s`);
