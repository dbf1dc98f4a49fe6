// Runs extension.js against stand-ins for `vscode` and `vscode-languageclient/node` (no
// npm install needed): a change of a presetlint setting restarts the client with the new
// settings; other changes do not; presetlint.path is machine-scoped.
// node editors/vscode/test/extension.test.js (tests/it/vscode.rs runs it).
const assert = require("node:assert");
const Module = require("node:module");
const path = require("node:path");

const settings = { path: "presetlint", presets: ["**/*.hedge"], schemaFindings: true };
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
  const extension = require(path.join(__dirname, "..", "extension.js"));
  const context = { subscriptions: [] };
  await extension.activate(context);
  assert.deepStrictEqual(events, [["new", "presetlint", true], ["start"]]);
  assert.strictEqual(context.subscriptions.length, 1);

  events.length = 0;
  await listener({ affectsConfiguration: (s) => s === "editor" });
  assert.deepStrictEqual(events, [], "another extension's setting restarts nothing");

  settings.schemaFindings = false;
  settings.path = "/opt/presetlint/bin/presetlint";
  await listener({ affectsConfiguration: (s) => s === "presetlint" });
  assert.deepStrictEqual(events, [["stop"], ["new", "/opt/presetlint/bin/presetlint", false], ["start"]]);

  const manifest = require(path.join(__dirname, "..", "package.json"));
  assert.strictEqual(manifest.contributes.configuration.properties["presetlint.path"].scope, "machine");
  console.log("ok");
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
