// A minimal client: starts `presetlint lsp` for the preset files the settings name, and
// starts it again when a presetlint setting changes (no window reload needed). The server is
// the binary the platform's package carries (bin/presetlint), unless presetlint.path names
// another; a package without one (built from source) uses presetlint on PATH.
const fs = require("fs");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;
let extensionContext;

/// The executable: presetlint.path if set, else the bundled binary, else presetlint on PATH.
function serverCommand(config) {
  // Machine-scoped (package.json): a workspace's settings cannot point it elsewhere.
  const configured = config.get("path", "");
  if (configured) {
    return configured;
  }
  const name = process.platform === "win32" ? "presetlint.exe" : "presetlint";
  const bundled = extensionContext.asAbsolutePath(`bin/${name}`);
  return fs.existsSync(bundled) ? bundled : "presetlint";
}

function createClient() {
  const config = vscode.workspace.getConfiguration("presetlint");
  const serverOptions = {
    command: serverCommand(config),
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
  extensionContext = context;
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
