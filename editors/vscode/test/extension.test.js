// Runs extension.js against stand-ins for `vscode` and `vscode-languageclient/node` (no
// npm install needed): the client starts the binary the package carries unless
// presetlint.path names another (presetlint on PATH when it carries none); a change of a
// presetlint setting restarts the client with the new settings; other changes do not;
// presetlint.path is machine-scoped.
//   node editors/vscode/test/extension.test.js [EXTENSION_DIR]
// EXTENSION_DIR: a packaged extension (the `extension/` of a .vsix), whose extension.js and
// bin/ are used; by default the sources, with a stand-in bin/ (tests/it/vscode.rs runs both).
const assert = require("node:assert");
const Module = require("node:module");
const path = require("node:path");

const fs = require("node:fs");
const os = require("node:os");

const settings = { path: "", presets: ["**/*.hedge"], schemaFindings: true };
let listener;
const events = [];

class LanguageClient {
  constructor(id, name, server, options) {
    this.server = server;
    this.options = options;
    events.push(["new", server.command, options.initializationOptions.schemaFindings]);
  }
  start() {
    events.push(["start"]);
    return Promise.resolve();
  }
  stop() {
    events.push(["stop"]);
    return Promise.resolve();
  }
}

const fakes = {
  vscode: {
    workspace: {
      getConfiguration: (section) => {
        assert.strictEqual(section, "presetlint");
        return { get: (key, fallback) => (key in settings ? settings[key] : fallback) };
      },
      createFileSystemWatcher: (glob) => ({ glob }),
      onDidChangeConfiguration: (f) => {
        listener = f;
        return { dispose() {} };
      },
    },
  },
  "vscode-languageclient/node": { LanguageClient, TransportKind: { stdio: 0 } },
};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request in fakes ? request : resolve.call(this, request, ...rest);
};
for (const [name, exports] of Object.entries(fakes)) {
  require.cache[name] = { id: name, filename: name, loaded: true, exports };
}

(async () => {
  const packaged = process.argv[2];
  const extensionDir = packaged ? path.resolve(packaged) : path.join(__dirname, "..");
  // The sources carry no binary: a stand-in bin/ beside a copy of them.
  const home = packaged ? extensionDir : fs.mkdtempSync(path.join(os.tmpdir(), "presetlint-ext-"));
  const name = process.platform === "win32" ? "presetlint.exe" : "presetlint";
  if (!packaged) {
    fs.copyFileSync(path.join(extensionDir, "extension.js"), path.join(home, "extension.js"));
    fs.mkdirSync(path.join(home, "bin"));
    fs.writeFileSync(path.join(home, "bin", name), "");
  }
  const bundled = path.join(home, "bin", name);
  const extension = require(path.join(home, "extension.js"));
  const context = { subscriptions: [], asAbsolutePath: (p) => path.join(home, p) };
  await extension.activate(context);
  assert.deepStrictEqual(events, [["new", bundled, true], ["start"]], "the bundled binary");
  assert.strictEqual(context.subscriptions.length, 1);

  events.length = 0;
  await listener({ affectsConfiguration: (s) => s === "editor" });
  assert.deepStrictEqual(events, [], "another extension's setting restarts nothing");

  settings.schemaFindings = false;
  settings.path = "/opt/presetlint/bin/presetlint";
  await listener({ affectsConfiguration: (s) => s === "presetlint" });
  assert.deepStrictEqual(events, [["stop"], ["new", "/opt/presetlint/bin/presetlint", false], ["start"]]);

  // presetlint.path emptied again: the bundled binary; without one, presetlint on PATH.
  settings.path = "";
  events.length = 0;
  await listener({ affectsConfiguration: (s) => s === "presetlint" });
  assert.deepStrictEqual(events, [["stop"], ["new", bundled, false], ["start"]]);
  if (!packaged) {
    fs.rmSync(path.join(home, "bin"), { recursive: true });
    events.length = 0;
    await listener({ affectsConfiguration: (s) => s === "presetlint" });
    assert.deepStrictEqual(events, [["stop"], ["new", "presetlint", false], ["start"]]);
    fs.rmSync(home, { recursive: true });
  }

  const manifest = require(path.join(extensionDir, "package.json"));
  assert.strictEqual(manifest.contributes.configuration.properties["presetlint.path"].scope, "machine");
  assert.deepStrictEqual(manifest.contributes.jsonValidation, [
    { fileMatch: "*.hedge", url: "./schema/offshoot-preset.schema.json" },
  ]);
  console.log("ok");
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
