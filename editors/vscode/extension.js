// A minimal client: starts `presetlint lsp` for the preset files the settings name.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("presetlint");
  const serverOptions = {
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
  client = new LanguageClient("presetlint", "presetlint", serverOptions, clientOptions);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
