// The playground's page: the files typed or dropped, presetlint's answers shown. Every
// answer comes from the WebAssembly module (presetlint.js); this file only lays them out.
// Whatever comes from a file or a finding is shown as text (textContent), never as markup.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "class") node.className = value;
      else if (key.startsWith("data-")) node.setAttribute(key, value);
      else node[key] = value;
    }
    for (const child of children) node.append(child);
    return node;
  };

  const CONFIG = "presetlint.toml";
  const VALUES = "values.json";
  const example = globalThis.PRESETLINT_EXAMPLE || { presetName: "preset.hedge", preset: "{}\n", view: "" };
  const timings = [];
  let engine = null;
  let rules = new Map();
  let values = {};
  let formKey = "";
  let findings = [];
  /** The preset of a file of several that the sidecar is shown for (null: the first). */
  let chosen = null;

  // ---- state: the page's inputs, and the link that carries them -------------------------

  function state() {
    return {
      presetName: $("preset-name").value, preset: $("preset").value, config: $("config").value,
      viewName: $("view-name").value, view: $("view").value, clip: $("clip").value,
      format: $("format").value, naming: $("naming").value, date: $("date").value, values,
      choice: chosen,
    };
  }

  function apply(s) {
    $("preset-name").value = s.presetName || "preset.hedge";
    $("preset").value = s.preset || "";
    $("config").value = s.config || "";
    $("view-name").value = s.viewName || "view.json";
    $("view").value = s.view || "";
    if (s.clip) $("clip").value = s.clip;
    if (s.format) $("format").value = s.format;
    if (s.naming) $("naming").value = s.naming;
    if (s.date) $("date").value = s.date;
    values = s.values && typeof s.values === "object" ? s.values : {};
    chosen = Number.isInteger(s.choice) ? s.choice : null;
    $("config-box").open = Boolean(s.config);
    $("view-box").open = Boolean(s.view);
  }

  // The fragment is the state as JSON, deflated and in base64url: it never goes to a server.
  async function encode(s) {
    const stream = new Blob([JSON.stringify(s)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  async function decode(text) {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return JSON.parse(await new Response(stream).text());
  }

  let saving = null;
  function save() {
    clearTimeout(saving);
    saving = setTimeout(async () => {
      history.replaceState(null, "", "#" + (await encode(state())));
    }, 250);
  }

  // ---- positions: the report's line and column (characters) to the textarea's offsets ----

  function lineStarts(text) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    return starts;
  }

  function offsetOf(text, starts, position) {
    let at = starts[Math.min(position.line, starts.length) - 1] ?? text.length;
    for (let column = 1; column < position.column && at < text.length; column++) {
      const code = text.codePointAt(at);
      if (code === 10) break;
      at += code > 0xffff ? 2 : 1;
    }
    return at;
  }

  // ---- the preset: its findings, underlined and listed -----------------------------------

  function files() {
    const s = state();
    const out = { [s.presetName]: s.preset };
    const request = { files: out, preset: s.presetName };
    if (s.config.trim()) { out[CONFIG] = s.config; request.config = CONFIG; }
    if (s.view.trim()) { out[s.viewName] = s.view; request.view = s.viewName; }
    return request;
  }

  function check(started) {
    const answer = engine.ask({ op: "check", ...files() });
    $("config-error").hidden = !answer.error;
    $("config-error").textContent = answer.error || "";
    findings = answer.error ? [] : JSON.parse(answer.report).diagnostics;
    underline();
    list();
    if (started !== undefined) {
      timings.push(performance.now() - started);
      $("status").textContent = `checked in ${Math.round(performance.now() - started)} ms`;
    }
  }

  function underline() {
    const text = $("preset").value;
    const starts = lineStarts(text);
    const backdrop = $("preset-backdrop");
    backdrop.replaceChildren();
    let at = 0;
    const own = findings.filter((d) => d.path === $("preset-name").value);
    const spans = own.map((d) => [offsetOf(text, starts, d.start), offsetOf(text, starts, d.end), d])
      .sort((a, b) => a[0] - b[0]);
    for (const [start, end, d] of spans) {
      if (start < at) continue;
      backdrop.append(text.slice(at, start));
      const mark = el("mark", { class: `${d.severity}${end === start ? " empty" : ""}`, title: `${d.code} ${d.message}` }, text.slice(start, end));
      backdrop.append(mark);
      at = end;
    }
    backdrop.append(text.slice(at) + "\n");
    backdrop.scrollTop = $("preset").scrollTop;
    backdrop.scrollLeft = $("preset").scrollLeft;
  }

  function list() {
    const items = [];
    const counts = { error: 0, warning: 0, info: 0 };
    const presetName = $("preset-name").value;
    let index = 0;
    for (const d of findings) {
      counts[d.severity]++;
      const own = d.path === presetName;
      const mine = own ? index++ : -1;
      const rule = rules.get(d.code);
      const item = el("li", { "data-code": d.code },
        el("span", { class: `sev-${d.severity}` }, d.severity), " ",
        el("a", { class: "code", href: rule ? rule.url : "#", target: "_blank", rel: "noopener noreferrer", title: rule ? rule.documentation : "" }, `${d.code} ${d.rule}`), " ",
        el("span", { class: "where" }, `${own ? "" : d.path + ":"}${d.start.line}:${d.start.column}`), " ",
        el("span", { class: "message" }, d.message));
      if (own && d.fix) {
        const button = el("button", { type: "button", class: "fix", textContent: d.fix.safe ? "Fix" : "Fix (unsafe)" });
        button.addEventListener("click", () => fix({ only: mine }));
        item.append(button);
      }
      if (d.help) item.append(el("span", { class: "help" }, d.help));
      items.push(item);
    }
    $("findings").replaceChildren(...items);
    const total = findings.length;
    $("counts").textContent = total === 0 ? "(none)" : `(${counts.error} errors, ${counts.warning} warnings, ${counts.info} infos)`;
  }

  function fix(how) {
    const answer = engine.ask({ op: "fix", ...files(), ...how });
    if (answer.error) { $("status").textContent = answer.error; return; }
    $("preset").value = answer.text;
    changed();
  }

  // ---- the sidecar a clip gets, and the review panel's form ------------------------------

  function dateArg() {
    const local = $("date").value;
    if (!local) return null;
    const date = new Date(local);
    const offset = -date.getTimezoneOffset();
    const sign = offset >= 0 ? "+" : "-";
    const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, "0");
    const seconds = local.length === 16 ? local + ":00" : local;
    return `${seconds}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
  }

  function preview() {
    const request = files();
    const given = Object.fromEntries(Object.entries(values)
      .map(([name, list]) => [name, list.filter((v) => v !== "")])
      .filter(([, list]) => list.length > 0)
      .map(([name, list]) => [name, list.length === 1 ? list[0] : list]));
    // One element a line, so that a finding's line names its field.
    const names = Object.keys(given);
    request.files[VALUES] = names.length === 0 ? "{}\n"
      : "{\n" + names.map((name) => `  ${JSON.stringify(name)}: ${JSON.stringify(given[name])}`).join(",\n") + "\n}\n";
    const answer = engine.ask({
      op: "preview", ...request, values: VALUES, clip: $("clip").value, date: dateArg(),
      format: $("format").value, naming: $("naming").value, choice: chosen,
    });
    if (answer.error && chosen !== null) {
      // The chosen preset is gone from the file: back to the first.
      chosen = null;
      preview();
      return;
    }
    if (answer.error) {
      $("preview-text").textContent = answer.error;
      $("form").replaceChildren();
      formKey = "";
      $("value-findings").replaceChildren();
      return;
    }
    $("preview-text").textContent = answer.human;
    presetChoice(answer.presets, answer.choice);
    const report = JSON.parse(answer.report);
    // What the preview says of the values: PL702 in the values file, PL701 at the element.
    const own = (report.diagnostics || []).filter((d) => d.code.startsWith("PL70"));
    form(answer.form, [...(report.value_findings || []), ...own], names);
  }

  function presetChoice(presets, at) {
    const box = $("choice-box");
    box.hidden = presets.length < 2;
    if (box.hidden) { chosen = null; return; }
    const select = $("choice");
    const same = select.options.length === presets.length
      && [...select.options].every((o, i) => o.value === String(presets[i].number) && o.textContent === presets[i].label);
    if (!same) {
      select.replaceChildren(...presets.map((p) => el("option", { value: String(p.number) }, p.label)));
    }
    select.value = String(at);
  }

  function form(shape, valueFindings, names) {
    const key = JSON.stringify(shape.fields.map((f) => [f.name, f.builtin, f.field]));
    if (key !== formKey) {
      formKey = key;
      const rows = [];
      for (const field of shape.fields) {
        const type = field.field ? field.field.type + (field.field.multi || field.field.type === "tag_cloud" ? ", several values" : "")
          : field.builtin ? "filled by presetlint" : "not in the view";
        const label = el("label", { htmlFor: `value-${field.name}` }, field.field && field.field.label ? `${field.field.label} {${field.name}}` : `{${field.name}}`);
        rows.push(label, input(field), el("span", { class: "type" }, type), el("span", { class: "finding", "data-field": field.name }));
      }
      $("form").replaceChildren(...rows);
    }
    for (const field of shape.fields) {
      if (field.builtin) {
        const shown = $(`value-${field.name}`);
        if (shown) shown.value = (field.value || []).join(", ");
      }
    }
    for (const slot of $("form").querySelectorAll(".finding")) slot.textContent = "";
    const other = [];
    for (const d of valueFindings) {
      const name = d.path === VALUES ? names[d.start.line - 2]
        : (shape.fields.find((f) => f.pointer === d.pointer) || {}).name;
      const slot = [...$("form").querySelectorAll(".finding")].find((s) => s.dataset.field === name);
      const line = `${d.code} ${d.message}${d.help ? " (" + d.help + ")" : ""}`;
      if (slot) slot.textContent += (slot.textContent ? "; " : "") + line;
      else other.push(el("li", {}, `${d.path}:${d.start.line}:${d.start.column}: ${line}`));
    }
    $("value-findings").replaceChildren(...other);
  }

  function input(field) {
    const id = `value-${field.name}`;
    const given = values[field.name] || [];
    if (field.builtin) return el("input", { id, readOnly: true, className: "builtin" });
    const f = field.field;
    const set = (list) => { values[field.name] = list; preview(); save(); };
    if (f && f.options.length > 0) {
      const select = el("select", { id, multiple: f.multi });
      if (!f.multi) select.append(el("option", { value: "" }, "—"));
      for (const option of f.options) {
        select.append(el("option", { value: option.value, selected: given.includes(option.value) }, option.label === option.value ? option.value : `${option.label} (${option.value})`));
      }
      select.addEventListener("change", () => set([...select.selectedOptions].map((o) => o.value)));
      return select;
    }
    if (f && f.type === "boolean") {
      const select = el("select", { id });
      for (const value of ["", "true", "false"]) select.append(el("option", { value, selected: given[0] === value }, value || "—"));
      select.addEventListener("change", () => set([select.value]));
      return select;
    }
    if (f && (f.multi || f.type === "tag_cloud")) {
      // Several values (a tag cloud, a multi-value field): one value a line.
      const area = el("textarea", { id, rows: 2, value: given.join("\n"), placeholder: "one value a line" });
      area.addEventListener("input", () => set(area.value.split("\n")));
      return area;
    }
    const box = el("input", { id, value: given[0] || "", spellcheck: false, type: f && f.type === "date" ? "date" : "text" });
    if (f && (f.type === "integer" || f.type === "float")) box.inputMode = "decimal";
    box.addEventListener("input", () => set([box.value]));
    return box;
  }

  // ---- wiring ------------------------------------------------------------------------------

  function changed(started) {
    check(started);
    // The findings are on screen first; the sidecar follows.
    setTimeout(preview, 0);
    save();
  }

  function wire() {
    $("preset").addEventListener("input", (event) => changed(event.timeStamp));
    $("preset").addEventListener("scroll", () => {
      $("preset-backdrop").scrollTop = $("preset").scrollTop;
      $("preset-backdrop").scrollLeft = $("preset").scrollLeft;
    });
    for (const id of ["preset-name", "config", "view", "view-name"]) $(id).addEventListener("input", () => changed());
    for (const id of ["clip", "format", "naming", "date"]) $(id).addEventListener("input", () => { preview(); save(); });
    $("choice").addEventListener("input", () => { chosen = Number($("choice").value); preview(); save(); });
    $("fix-safe").addEventListener("click", () => fix({ unsafe_fixes: false }));
    $("fix-unsafe").addEventListener("click", () => fix({ unsafe_fixes: true }));
    $("share").addEventListener("click", async () => {
      history.replaceState(null, "", "#" + (await encode(state())));
      try { await navigator.clipboard.writeText(location.href); $("status").textContent = "link copied"; }
      catch { $("status").textContent = "the address bar holds the link"; }
    });
    document.addEventListener("dragover", (e) => { e.preventDefault(); document.body.classList.add("dragging"); });
    document.addEventListener("dragleave", () => document.body.classList.remove("dragging"));
    document.addEventListener("drop", async (e) => {
      e.preventDefault();
      document.body.classList.remove("dragging");
      for (const file of e.dataTransfer.files) await dropped(file.name, await file.text());
      changed();
    });
  }

  /** A dropped file goes where its name and content say. */
  async function dropped(name, text) {
    if (name.endsWith(".toml")) { $("config").value = text; $("config-box").open = true; return; }
    let view = false;
    try { const json = JSON.parse(text); view = json && typeof json === "object" && !Array.isArray(json) && ("view_fields" in json || "fields" in json); } catch { /* a preset with errors */ }
    if (view) { $("view").value = text; $("view-name").value = name; $("view-box").open = true; return; }
    $("preset").value = text;
    $("preset-name").value = name;
  }

  async function start() {
    engine = await Presetlint.load(Presetlint.bytesOf(globalThis.PRESETLINT_WASM));
    rules = new Map(engine.ask({ op: "rules" }).map((r) => [r.code, r]));
    let s = null;
    if (location.hash.length > 1) {
      try { s = await decode(location.hash.slice(1)); } catch { $("status").textContent = "the link's state could not be read"; }
    }
    if (!s) {
      const now = new Date();
      const pad = (n) => String(n).padStart(2, "0");
      s = { ...example, date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}` };
    }
    apply(s);
    wire();
    check();
    preview();
    $("status").textContent = "ready";
    document.body.dataset.ready = "true";
  }

  // For the browser tests: the timings of keystrokes, and the engine the page asks.
  globalThis.playground = { timings, ask: (request) => engine.ask(request), ready: start() };
})();
