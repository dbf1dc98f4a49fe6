// A minimal client: starts `presetlint lsp` for the preset files the settings name, and
// starts it again when a presetlint setting changes (no window reload needed).
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function createClient() {
  const config = vscode.workspace.getConfiguration("presetlint");
  const serverOptions = {
    // Machine-scoped (package.json): a workspace's settings cannot point it elsewhere.
    command: config.get("path", "presetlint"),
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions = {
    // Only presets: other JSON files (package.json, tsconfig.json...) are not linted.
    documentSelector: config
      .get("presets", ["**/*.hedge"])
      .map((pattern) => ({ scheme: "file", pattern })),
    initializationOptions: { schemaFindings: config.get("schemaFindings", true) },
    // presetlint re-reads presetlint.toml when it changes.
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/presetlint.toml"),
    },
  };
  return new LanguageClient("presetlint", "presetlint", serverOptions, clientOptions);
}

async function restart() {
  if (client) {
    await client.stop();
  }
  client = createClient();
  await client.start();
}

function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("presetlint")) {
        return restart();
      }
    })
  );
  client = createClient();
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, restart };
