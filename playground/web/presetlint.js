// presetlint's WebAssembly module, from JavaScript: one request (an object) in, one answer
// (an object) out. The module's whole interface is in playground/src/wasm.rs. A classic
// script (not a module), so that the page works opened from disk, where browsers refuse
// module scripts; it defines globalThis.Presetlint.
(function (root) {
  "use strict";
  const encoder = new TextEncoder();
  const decoder = new TextDecoder("utf-8", { fatal: true });

  /** The module's bytes from the base64 that presetlint-wasm.js holds. */
  function bytesOf(base64) {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  /** Instantiates the module; `random` fills a Uint8Array with random bytes. */
  async function load(bytes, random = (view) => crypto.getRandomValues(view)) {
    let memory = null;
    const imports = {
      presetlint: {
        random_fill(ptr, len) {
          // getRandomValues takes at most 65,536 bytes at a time.
          for (let at = 0; at < len; at += 65536) {
            random(new Uint8Array(memory.buffer, ptr + at, Math.min(65536, len - at)));
          }
        },
      },
    };
    const module = await WebAssembly.compile(bytes);
    let exports = null;
    const start = () => {
      exports = new WebAssembly.Instance(module, imports).exports;
      memory = exports.memory;
    };
    start();
    return {
      /** Answers one request: {op: "check" | "fix" | "preview" | "rules", ...}. */
      ask(request) {
        try {
          const bytes = encoder.encode(JSON.stringify(request));
          const ptr = exports.alloc(bytes.length);
          new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
          const at = exports.request(ptr, bytes.length);
          const len = exports.answer_len();
          return JSON.parse(decoder.decode(new Uint8Array(memory.buffer, at, len)));
        } catch (error) {
          if (!(error instanceof WebAssembly.RuntimeError)) throw error;
          // A panic stops the instance for good: the next request gets a new one.
          start();
          return { error: `presetlint stopped on this input (${error.message}): a bug, please report it with this page's link` };
        }
      },
    };
  }

  root.Presetlint = { load, bytesOf };
})(globalThis);
