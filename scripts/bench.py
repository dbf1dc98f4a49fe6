#!/usr/bin/env python3
"""Times presetlint against its peers and a parse-only floor on the same files, in one run.

Runs are paired (presetlint, then the peer, then the other way round, ...) and the ratio is
taken pair by pair, so that a noisy shared machine moves both sides of each ratio together.
Wall time is measured around the whole process (start-up included); peak memory is GNU
time's %M, the largest resident set of a single process, as run_peers.sh measures it
(wait4's own figure would include this Python process, whose pages a fork copies).
Standard library only.
"""

import argparse
import collections
import datetime
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


RSS_FILE = os.path.join(tempfile.gettempdir(), f"presetlint-bench-rss-{os.getpid()}")


def run(cmd):
    """Runs a shell command with output discarded; returns (wall seconds, peak RSS MiB)."""
    start = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", RSS_FILE, "sh", "-c", cmd],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    with open(RSS_FILE, encoding="utf-8") as fh:
        kib = int(fh.read().strip().splitlines()[-1])
    return wall, kib / 1024


def paired(ours, theirs, pairs):
    """Alternating runs after one warm-up each; returns medians and the median pair ratio."""
    run(ours)
    run(theirs)
    a, b, ratios = [], [], []
    for i in range(pairs):
        order = [(ours, a), (theirs, b)] if i % 2 == 0 else [(theirs, b), (ours, a)]
        for cmd, sink in order:
            sink.append(run(cmd))
        ratios.append(a[-1][0] / b[-1][0])
    med = lambda xs, k: statistics.median(x[k] for x in xs)
    return {
        "ours_wall": med(a, 0), "ours_rss": max(x[1] for x in a),
        "theirs_wall": med(b, 0), "theirs_rss": med(b, 1),
        "ratio": statistics.median(ratios),
    }


def peer_cases(peers_sh, corpus, large):
    """label -> command, from the peers' own harness (it also splits out the parseable files)."""
    out = subprocess.run([peers_sh, "commands", corpus, large], check=True, capture_output=True, text=True).stdout
    cases = {}
    for line in out.splitlines():
        label, _files, cmd = line.split("\t", 2)
        cases[label] = cmd
    return cases


def coverage(presetlint, corpus):
    """Which files presetlint flags, by rule, against the corpus' MANIFEST.tsv."""
    proc = subprocess.run([presetlint, "check", "--format", "json-lines", "."], cwd=corpus,
                          capture_output=True, text=True)
    codes = collections.defaultdict(set)
    errors = set()  # files that fail a CI run at the default --fail-level error
    for line in proc.stdout.splitlines():
        d = json.loads(line)
        name = os.path.basename(d["path"])
        codes[name].add(d["code"])
        if d["severity"] == "error":
            errors.add(name)
    rows = [l.split("\t") for l in open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8").read().splitlines()[1:]]
    # defect -> [files, flagged, failing, rules]
    by_defect = collections.defaultdict(lambda: [0, 0, 0, collections.Counter()])
    for name, defect, _expect, _ in rows:
        got = codes.get(name, set())
        row = by_defect[defect]
        row[0] += 1
        row[1] += bool(got)
        row[2] += name in errors
        row[3].update(got)
    return by_defect


def make_clip_tree(root, clips, per_folder=100):
    """`clips` empty .R3D files in nested folders (day/card/), like a day of footage."""
    if os.path.isdir(root):
        subprocess.run(["rm", "-rf", root], check=True)
    for i in range(clips):
        folder = os.path.join(root, f"Day{i // 10000:02d}", f"A{i // per_folder:04d}")
        if i % per_folder == 0:
            os.makedirs(folder, exist_ok=True)
        open(os.path.join(folder, f"A{i // per_folder:04d}C{i % per_folder:03d}.R3D"), "wb").close()


def generate_bench(presetlint, scratch, say, sizes=(10_000, 100_000), runs=3):
    """generate over clip trees on tmpfs: sidecars written per second, a rerun that changes
    nothing, and peak memory as the tree grows."""
    preset = os.path.join(scratch, "generate-preset.json")
    with open(preset, "w", encoding="utf-8") as fh:
        json.dump({"iconikSidecarExtensions": [".R3D"],
                   "iconikSidecarElements": ["{Project}", "{Card}", "{Date}"]}, fh)
    q = shlex.quote
    say("| clips | first run s | sidecars/s | rerun (unchanged) s | first / rerun | peak MiB (first) | peak MiB (rerun) |")
    say("|---:|---:|---:|---:|---:|---:|---:|")
    rows = {}
    for clips in sizes:
        tree = os.path.join(scratch, f"clips-{clips}")
        make_clip_tree(tree, clips)
        cmd = (f"exec {q(presetlint)} generate {q(preset)} --destination {q(tree)} "
               "--set Project=PRX --set Card=A001 --date 2024-12-24")
        clean = f"find {q(tree)} -name '*.json' -delete"
        firsts, reruns = [], []
        for _ in range(runs):
            subprocess.run(["sh", "-c", clean], check=True)
            firsts.append(run(cmd))
            reruns.append(run(cmd))
        written = sum(1 for _root, _dirs, files in os.walk(tree) for f in files if f.endswith(".json"))
        assert written == clips, f"{written} sidecars for {clips} clips"
        first = statistics.median(w for w, _ in firsts)
        rerun = statistics.median(w for w, _ in reruns)
        rows[clips] = (clips / first, first / rerun, max(m for _, m in firsts), max(m for _, m in reruns))
        say(f"| {clips:,} | {first:.3f} | {clips / first:,.0f} | {rerun:.3f} | {first / rerun:.1f}x | "
            f"{rows[clips][2]:.1f} | {rows[clips][3]:.1f} |")
        subprocess.run(["rm", "-rf", tree], check=True)
    return rows


def audit_bench(presetlint, scratch, say, sizes=(10_000, 100_000), pairs=5):
    """audit against generate --dry-run on the same tree of JSON sidecars (warm cache, paired
    runs): both read every sidecar; audit parses and judges it besides. Both are given the
    preset and the values, so audit judges missing, unexpected and stale sidecars too."""
    preset = os.path.join(scratch, "generate-preset.json")
    q = shlex.quote
    values = "--set Project=PRX --set Card=A001 --date 2024-12-24"
    say("| clips | audit s | generate --dry-run s | audit / dry-run | sidecars/s | peak MiB (audit) | peak MiB (dry-run) |")
    say("|---:|---:|---:|---:|---:|---:|---:|")
    rows = {}
    for clips in sizes:
        tree = os.path.join(scratch, f"audit-{clips}")
        make_clip_tree(tree, clips)
        subprocess.run(["sh", "-c", f"exec {q(presetlint)} generate {q(preset)} --destination {q(tree)} "
                        f"{values} --no-sync"], check=True, stdout=subprocess.DEVNULL)
        ours = f"exec {q(presetlint)} audit {q(tree)} --preset {q(preset)} {values} --format concise"
        dry = f"exec {q(presetlint)} generate {q(preset)} --destination {q(tree)} {values} --dry-run"
        out = subprocess.run(["sh", "-c", ours], capture_output=True, text=True)
        assert out.returncode == 0 and out.stdout == "", f"audit of a generated tree: {out.stdout[:500]}"
        r = paired(ours, dry, pairs)
        rows[clips] = (r["ratio"], clips / r["ours_wall"], r["ours_rss"])
        say(f"| {clips:,} | {r['ours_wall']:.3f} | {r['theirs_wall']:.3f} | {r['ratio']:.2f} | "
            f"{clips / r['ours_wall']:,.0f} | {r['ours_rss']:.1f} | {r['theirs_rss']:.1f} |")
        subprocess.run(["rm", "-rf", tree], check=True)
    return rows


def sync_bench(presetlint, scratch, say, clips=100_000, runs=3):
    """generate's first run with the sync before the summary (the default) and with --no-sync."""
    preset = os.path.join(scratch, "generate-preset.json")
    with open(preset, "w", encoding="utf-8") as fh:
        json.dump({"iconikSidecarExtensions": [".R3D"],
                   "iconikSidecarElements": ["{Project}", "{Card}", "{Date}"]}, fh)
    q = shlex.quote
    tree = os.path.join(scratch, f"sync-{clips}")
    make_clip_tree(tree, clips)
    base = (f"exec {q(presetlint)} generate {q(preset)} --destination {q(tree)} "
            "--set Project=PRX --set Card=A001 --date 2024-12-24")
    clean = f"find {q(tree)} -name '*.json' -delete && sync"
    times = {"synced (default)": [], "--no-sync": []}
    for _ in range(runs):
        for label, extra in [("synced (default)", ""), ("--no-sync", " --no-sync")]:
            subprocess.run(["sh", "-c", clean], check=True)
            times[label].append(run(base + extra)[0])
    say("| clips | synced (default) s | --no-sync s | synced / --no-sync |")
    say("|---:|---:|---:|---:|")
    synced = statistics.median(times["synced (default)"])
    fast = statistics.median(times["--no-sync"])
    say(f"| {clips:,} | {synced:.3f} | {fast:.3f} | {synced / fast:.2f} |")
    subprocess.run(["rm", "-rf", tree], check=True)


def mhl_bench(presetlint, scratch, say, clips=100_000, runs=3):
    """generate --mhl against generate on a card whose ASC MHL history records its clips: the
    cost of hashing the written sidecars and writing one generation."""
    preset = os.path.join(scratch, "generate-preset.json")
    with open(preset, "w", encoding="utf-8") as fh:
        json.dump({"iconikSidecarExtensions": [".R3D"],
                   "iconikSidecarElements": ["{Project}", "{Card}", "{Date}"]}, fh)
    q = shlex.quote
    tree = os.path.join(scratch, f"mhl-{clips}")
    make_clip_tree(tree, clips)
    # A history that records every clip (xxh64 of an empty file), as ascmhl create writes it.
    history = os.path.join(tree, "ascmhl")
    os.makedirs(history)
    name = "0001_" + os.path.basename(tree) + "_2026-12-03_120000Z.mhl"
    with open(os.path.join(history, name), "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<hashlist version="2.0" xmlns="urn:ASC:MHL:v2.0">\n<hashes>\n')
        for root, _dirs, files in os.walk(tree):
            for f in files:
                if f.endswith(".R3D"):
                    rel = os.path.relpath(os.path.join(root, f), tree)
                    fh.write(f'<hash><path size="0">{rel}</path><xxh64 action="original">ef46db3751d8e999</xxh64></hash>\n')
        fh.write("</hashes>\n</hashlist>\n")
    chain = ('<?xml version="1.0" encoding="UTF-8"?>\n<ascmhldirectory xmlns="urn:ASC:MHL:DIRECTORY:v2.0">\n'
             f'  <hashlist sequencenr="1">\n    <path>{name}</path>\n    <c4>c4</c4>\n  </hashlist>\n</ascmhldirectory>\n')
    base = (f"exec {q(presetlint)} generate {q(preset)} --destination {q(tree)} "
            "--set Project=PRX --set Card=A001 --date 2024-12-24 --no-sync")
    times = {"generate": [], "generate --mhl": []}
    peaks = {"generate": 0.0, "generate --mhl": 0.0}
    for _ in range(runs):
        for label, extra in [("generate", ""), ("generate --mhl", " --mhl")]:
            subprocess.run(["sh", "-c", f"find {q(tree)} -name '*.json' -delete; "
                            f"find {q(history)} -name '0002_*' -delete"], check=True)
            with open(os.path.join(history, "ascmhl_chain.xml"), "w", encoding="utf-8") as fh:
                fh.write(chain)
            wall, peak = run(base + extra)
            times[label].append(wall)
            peaks[label] = max(peaks[label], peak)
    plain = statistics.median(times["generate"])
    mhl = statistics.median(times["generate --mhl"])
    say("| clips | generate s | generate --mhl s | --mhl / generate | peak MiB (generate) | peak MiB (--mhl) |")
    say("|---:|---:|---:|---:|---:|---:|")
    say(f"| {clips:,} | {plain:.3f} | {mhl:.3f} | {mhl / plain:.2f} | {peaks['generate']:.1f} | {peaks['generate --mhl']:.1f} |")
    subprocess.run(["rm", "-rf", tree], check=True)


def make_clip_log(path, tree):
    """An ALE with one row per clip of `tree`, as OpenTimelineIO writes one: the columns every
    clip has, and what a DIT logs (Scene, Take, Camera Notes)."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Heading\nFIELD_DELIM\tTABS\nFPS\t24\nVIDEO_FORMAT\t1080\n\nColumn\n"
                 "Source File\tName\tStart\tEnd\tDuration\tScene\tTake\tCamera Notes\n\nData\n")
        n = 0
        for root, _dirs, files in os.walk(tree):
            for f in sorted(files):
                if f.endswith(".R3D"):
                    n += 1
                    stem = f[:-4]
                    fh.write(f"/Volumes/CARD/{f}\t{stem}\t10:00:00:00\t10:00:02:00\t00:00:02:00\t"
                             f"{n % 97}\t{n % 9 + 1}\tlogged by the DIT, clip {n}\n")
    return n


def clip_log_bench(presetlint, scratch, say, sizes=(10_000, 100_000), pairs=5):
    """generate with --clip-values (an ALE of one row per clip: each sidecar its own) against
    generate with the run's values only, on the same tree (--no-sync, the sidecars removed
    before each run), paired; and peak memory as the log grows."""
    preset = os.path.join(scratch, "clip-log-preset.json")
    with open(preset, "w", encoding="utf-8") as fh:
        json.dump({"iconikSidecarExtensions": [".R3D"],
                   "iconikSidecarElements": ["{Project}", "{Date}", "{Scene}", "{Take}", "{Notes}"]}, fh)
    q = shlex.quote
    say("| clips (rows) | with the ALE s | without s | with / without | peak MiB (with) | peak MiB (without) | ALE MiB |")
    say("|---:|---:|---:|---:|---:|---:|---:|")
    rows = {}
    for clips in sizes:
        tree = os.path.join(scratch, f"clip-log-{clips}")
        make_clip_tree(tree, clips)
        ale = os.path.join(scratch, f"clip-log-{clips}.ale")
        assert make_clip_log(ale, tree) == clips
        base = (f"find {q(tree)} -name '*.json' -delete; exec {q(presetlint)} generate {q(preset)} "
                f"--destination {q(tree)} --set Project=PRX --date 2024-12-24 --no-sync --no-config")
        with_log = base + f" --clip-values {q(ale)} --map 'Camera Notes=Notes'"
        out = subprocess.run(["sh", "-c", with_log], capture_output=True, text=True)
        assert out.returncode == 0 and "PL70" not in out.stdout, out.stdout[-2000:]
        sample = os.path.join(tree, "Day00", "A0000", "A0000C001.R3D.json")
        assert '"logged by the DIT, clip ' in open(sample, encoding="utf-8").read(), "no per-clip value"
        r = paired(with_log, base, pairs)
        mib = os.path.getsize(ale) / (1024 * 1024)
        rows[clips] = (r["ratio"], r["ours_rss"])
        say(f"| {clips:,} | {r['ours_wall']:.3f} | {r['theirs_wall']:.3f} | {r['ratio']:.2f} | "
            f"{r['ours_rss']:.1f} | {r['theirs_rss']:.1f} | {mib:.1f} |")
        subprocess.run(["rm", "-rf", tree, ale], check=True)
    return rows


CLIP_LOG_HEADING = "### generate with a DIT's clip log (--clip-values: an ALE row per clip), on tmpfs"


def splice_section(path, heading, lines):
    """Replaces (or adds before the Targets) one section of an existing results file."""
    text = open(path, encoding="utf-8").read()
    block = heading + "\n\n" + "\n".join(lines) + "\n\n"
    if heading in text:
        start = text.index(heading)
        end = text.find("\n### ", start + len(heading))
        text = text[:start] + block + (text[end + 1:] if end >= 0 else "")
    else:
        at = text.index("### Targets")
        text = text[:at] + block + text[at:]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def link_copies(corpus, root, size):
    """A library of `size` presets made of the corpus' files by hard links: the first `size`
    files in one folder when fewer than the corpus, else the corpus in size / n folders
    (prod-1, prod-2, ...), each with the same file names, as a facility's archive is."""
    names = sorted(f for f in os.listdir(corpus) if f.endswith(".json"))
    folder = os.path.join(root, f"library-{size}")
    if os.path.isdir(folder):
        return folder
    os.makedirs(folder)
    if size <= len(names):
        for name in names[:size]:
            os.link(os.path.join(corpus, name), os.path.join(folder, name))
        return folder
    for k in range(size // len(names)):
        prod = os.path.join(folder, f"prod-{k + 1}")
        os.makedirs(prod)
        for name in names:
            os.link(os.path.join(corpus, name), os.path.join(prod, name))
    return folder


def scaling_bench(presetlint, corpus, scratch, say, sizes=(1_000, 10_000, 100_000, 1_000_000), runs=3):
    """check over libraries of 1,000 to 1,000,000 presets (hard links of the corpus): time and
    peak memory with the rules across presets, and without them (--ignore PL95)."""
    q = shlex.quote
    say("| presets | check s | peak MiB | --ignore PL95 s | peak MiB (--ignore PL95) | s / 1,000 presets |")
    say("|---:|---:|---:|---:|---:|---:|")
    rows = {}
    for size in sizes:
        folder = link_copies(corpus, scratch, size)
        n = 1 if size >= 1_000_000 else runs
        row = {}
        for label, extra in [("all", ""), ("no-across", " --ignore PL95")]:
            base = f"cd {q(folder)} && exec {q(presetlint)} check --no-config --format concise{extra} ."
            got = [run(base) for _ in range(n)]
            row[label] = (statistics.median(g[0] for g in got), max(g[1] for g in got))
        rows[size] = row
        (t, m), (t2, m2) = row["all"], row["no-across"]
        say(f"| {size:,} | {t:.3f} | {m:.1f} | {t2:.3f} | {m2:.1f} | {t / size * 1000:.4f} |")
    return rows


def read_floor_bench(presetlint, corpus, say, pairs=7):
    """check of the corpus against `cat` of the same files (the read floor), paired."""
    q = shlex.quote
    ours = f"cd {q(corpus)} && exec {q(presetlint)} check --no-config --format concise ."
    cat = f"cd {q(corpus)} && find . -name '*.json' -print0 | xargs -0 cat > /dev/null"
    r = paired(ours, cat, pairs)
    say("| presetlint s | cat s | ratio |")
    say("|---:|---:|---:|")
    say(f"| {r['ours_wall']:.3f} | {r['theirs_wall']:.3f} | {r['ratio']:.2f} |")
    return r


LSP_SESSION = r"""
import json, os, subprocess, sys, time
binary, folder, doc = sys.argv[1:4]
proc = subprocess.Popen([binary, "lsp"], cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
def send(msg):
    body = json.dumps(msg).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()
def receive():
    length = 0
    while True:
        line = proc.stdout.readline().strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(proc.stdout.read(length))
uri = "file://" + os.path.join(folder, doc)
start = time.perf_counter()
send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None,
      "rootUri": "file://" + folder, "capabilities": {}}})
while receive().get("id") != 1:
    pass
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
      "uri": uri, "languageId": "json", "version": 1, "text": open(os.path.join(folder, doc)).read()}}})
while True:
    msg = receive()
    if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri:
        break
elapsed = time.perf_counter() - start
peak = [l for l in open(f"/proc/{proc.pid}/status") if l.startswith("VmHWM")][0].split()[1]
codes = sorted({d.get("code") for d in msg["params"]["diagnostics"]})
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
send({"jsonrpc": "2.0", "method": "exit"})
proc.wait()
print(json.dumps({"seconds": elapsed, "peak_kib": int(peak), "codes": codes}))
"""


def lsp_bench(presetlint, corpus, scratch, say, size=100_000):
    """The language server in a workspace of `size` presets with a presetlint.toml: from
    initialize to the first diagnostics of an opened preset (the library read and indexed
    for PL951/PL952), and the server's peak memory."""
    folder = link_copies(corpus, scratch, size)
    config = os.path.join(folder, "presetlint.toml")
    if not os.path.exists(config):
        open(config, "w", encoding="utf-8").close()
    doc = os.path.join("prod-1", sorted(os.listdir(os.path.join(folder, "prod-1")))[1])
    out = subprocess.run([sys.executable, "-c", LSP_SESSION, os.path.abspath(presetlint), folder, doc],
                         capture_output=True, text=True, check=True)
    r = json.loads(out.stdout)
    say("| workspace presets | first diagnostics s | peak MiB | codes |")
    say("|---:|---:|---:|---|")
    say(f"| {size:,} | {r['seconds']:.2f} | {r['peak_kib'] / 1024:.1f} | {', '.join(c for c in r['codes'] if c)} |")
    return r


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Linux {platform.release()}"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    for flag in ["presetlint", "floor", "peers", "corpus", "large", "large_dup", "out"]:
        ap.add_argument("--" + flag.replace("_", "-"), required=True)
    ap.add_argument("--pairs", type=int, default=7)
    ap.add_argument("--scratch", default="/dev/shm/presetlint-bench",
                    help="a tmpfs folder for the generate benchmark")
    ap.add_argument("--disk-scratch", default=None,
                    help="a folder on a disk file system, for one more generate row (optional)")
    ap.add_argument("--only", choices=["clip-log"], default=None,
                    help="measure one section and put it in place in the existing --out file")
    a = ap.parse_args()
    ours_bin = os.path.abspath(a.presetlint)
    if a.only == "clip-log":
        lines = [f"Measured {datetime.date.today().isoformat()} on its own (`scripts/bench.sh --only clip-log`), "
                 "5 paired runs per row; the other sections are from the full run.", ""]
        os.makedirs(a.scratch, exist_ok=True)
        clip_log_bench(ours_bin, a.scratch, lambda s="": (print(s), lines.append(s)))
        splice_section(a.out, CLIP_LOG_HEADING, lines)
        print(f"\n{CLIP_LOG_HEADING[4:]}: written into {a.out}", file=sys.stderr)
        return
    corpus = os.path.abspath(a.corpus)
    q = shlex.quote
    cases = peer_cases(a.peers, corpus, a.large)
    n_all = sum(1 for f in os.listdir(corpus) if f.endswith(".json"))

    lines = []
    say = lambda s="": (print(s), lines.append(s))
    say(f"Measured {datetime.date.today().isoformat()} on {machine()}, {a.pairs} paired runs per row "
        "(ratio = median over pairs of presetlint's wall time / the other's).")
    say()
    say(f"### {os.path.basename(corpus)}: {n_all} files; presetlint checks all of them, the peers the parseable ones")
    say()
    say("| presetlint vs | presetlint s | other s | presetlint peak MiB | other peak MiB | ratio | speed-up |")
    say("|---|---:|---:|---:|---:|---:|---:|")
    ours = f"cd {q(corpus)} && exec {q(ours_bin)} check --format concise ."
    others = [(p, cases[f"{os.path.basename(corpus)}/parseable/batch/{p}"])
              for p in ["jsonschema-cli", "boon", "ajv", "check-jsonschema"]]
    others.append(("parse-only floor (serde_json, all cores)", f"exec {q(os.path.abspath(a.floor))} {q(corpus)}"))
    results = {}
    for name, cmd in others:
        r = paired(ours, cmd, a.pairs)
        results[name] = r
        say(f"| {name} | {r['ours_wall']:.3f} | {r['theirs_wall']:.3f} | {r['ours_rss']:.1f} | "
            f"{r['theirs_rss']:.1f} | {r['ratio']:.2f} | {1 / r['ratio']:.1f}x |")
    say()
    say("### One 5 MB preset (178,357-item iconikSidecarElements)")
    say()
    say("| file | presetlint s | jsonschema-cli s | ratio |")
    say("|---|---:|---:|---:|")
    for path in [a.large, a.large_dup]:
        path = os.path.abspath(path)
        mine = f"exec {q(ours_bin)} check --format concise {q(path)}"
        theirs = cases[f"{os.path.basename(a.large)}/single/jsonschema-cli"].replace(a.large, path)
        r = paired(mine, theirs, a.pairs)
        results[os.path.basename(path)] = r
        say(f"| {os.path.basename(path)} | {r['ours_wall']:.3f} | {r['theirs_wall']:.3f} | {r['ratio']:.2f} |")
    say()
    say("### One small preset (what a pre-commit hook or an editor's save pays, start-up included)")
    say()
    say("| presetlint vs | presetlint s | other s | ratio |")
    say("|---|---:|---:|---:|")
    small = os.path.join(corpus, sorted(f for f in os.listdir(corpus) if f.endswith(".json"))[0])
    mine = f"exec {q(ours_bin)} check --format concise {q(small)}"
    theirs = cases[f"{os.path.basename(a.large)}/single/jsonschema-cli"].replace(a.large, small)
    for name, cmd in [("jsonschema-cli", theirs), ("presetlint --version", f"exec {q(ours_bin)} --version")]:
        r = paired(mine, cmd, max(a.pairs, 21))
        results[f"small/{name}"] = r
        say(f"| {name} | {r['ours_wall'] * 1000:.2f} ms | {r['theirs_wall'] * 1000:.2f} ms | {r['ratio']:.2f} |")
    say()
    say("### generate on tmpfs (nested folders of 100 clips; JSON sidecars)")
    say()
    os.makedirs(a.scratch, exist_ok=True)
    gen = generate_bench(ours_bin, a.scratch, say)
    say()
    if a.disk_scratch:
        os.makedirs(a.disk_scratch, exist_ok=True)
        fs_type = subprocess.run(["df", "--output=fstype", a.disk_scratch], capture_output=True,
                                 text=True).stdout.split()[-1]
        say(f"### generate on a disk file system ({fs_type})")
        say()
        generate_bench(ours_bin, a.disk_scratch, say, sizes=(100_000,))
        say()
        say(f"### generate's sync before the summary, on {fs_type} (the first run of each, the page cache emptied by sync first)")
        say()
        sync_bench(ours_bin, a.disk_scratch, say)
        subprocess.run(["rm", "-rf", a.disk_scratch], check=True)
        say()
    say("### generate --mhl: recording 100,000 sidecars in the card's ASC MHL history, on tmpfs")
    say()
    mhl_bench(ours_bin, a.scratch, say)
    say()
    say("### audit against generate --dry-run on tmpfs (the same trees of JSON sidecars, warm cache)")
    say()
    aud = audit_bench(ours_bin, a.scratch, say)
    say()
    say(CLIP_LOG_HEADING)
    say()
    clog = clip_log_bench(ours_bin, a.scratch, say)
    say()
    # Hard links of the corpus: on its file system, beside it.
    libraries = os.path.join(os.path.dirname(corpus), "libraries")
    os.makedirs(libraries, exist_ok=True)
    say("### check over libraries of 1,000 to 1,000,000 presets (the corpus in folders of 10,000, hard links)")
    say()
    scale = scaling_bench(ours_bin, corpus, libraries, say)
    say()
    say("### check against the read floor (`cat` of the same files), paired")
    say()
    cat = read_floor_bench(ours_bin, corpus, say, a.pairs)
    say()
    say("### The language server in a workspace of 100,000 presets with a presetlint.toml")
    say()
    lsp = lsp_bench(ours_bin, corpus, libraries, say)
    say()
    say("### Targets")
    say()
    jsr, cjs, floor = results["jsonschema-cli"], results["check-jsonschema"], results[others[-1][0]]
    checks = [
        ("10,000 files: at least 2x faster than jsonschema-cli", 1 / jsr["ratio"] >= 2, f"{1 / jsr['ratio']:.1f}x"),
        ("10,000 files: at least 8x faster than check-jsonschema", 1 / cjs["ratio"] >= 8, f"{1 / cjs['ratio']:.1f}x"),
        ("10,000 files: within 1.5x of the parse-only floor", floor["ratio"] <= 1.5, f"{floor['ratio']:.2f}x the floor"),
        ("10,000 files: peak memory under 64 MiB", jsr["ours_rss"] < 64, f"{jsr['ours_rss']:.1f} MiB"),
        ("100,000 presets: peak memory at most 48 MiB", scale[100_000]["all"][1] <= 48,
         f"{scale[100_000]['all'][1]:.1f} MiB"),
        ("100,000 presets: peak memory at most 1.5x that of 1,000", scale[100_000]["all"][1] <= 1.5 * scale[1_000]["all"][1],
         f"{scale[100_000]['all'][1] / scale[1_000]['all'][1]:.2f}x"),
        ("1,000,000 presets: the peak of 100,000", scale[1_000_000]["all"][1] <= 1.05 * scale[100_000]["all"][1],
         f"{scale[1_000_000]['all'][1]:.1f} against {scale[100_000]['all'][1]:.1f} MiB"),
        ("10,000 -> 100,000 presets: at most 11x the time", scale[100_000]["all"][0] <= 11 * scale[10_000]["all"][0],
         f"{scale[100_000]['all'][0] / scale[10_000]['all'][0]:.1f}x"),
        ("10,000 files: at most 1.25x the read floor (cat)", cat["ratio"] <= 1.25, f"{cat['ratio']:.2f}x"),
        ("10,000 files: at most 0.4x jsonschema-cli's time", jsr["ratio"] <= 0.4, f"{jsr['ratio']:.2f}x"),
        ("language server, 100,000 presets: first diagnostics within 2 s", lsp["seconds"] <= 2, f"{lsp['seconds']:.2f} s"),
        ("language server, 100,000 presets: at most 64 MiB", lsp["peak_kib"] / 1024 <= 64, f"{lsp['peak_kib'] / 1024:.1f} MiB"),
        ("5 MB preset: no slower than jsonschema-cli", results[os.path.basename(a.large)]["ratio"] <= 1.0,
         f"{results[os.path.basename(a.large)]['ratio']:.2f}x its time"),
        ("one small preset: no slower than jsonschema-cli", results["small/jsonschema-cli"]["ratio"] <= 1.0,
         f"{results['small/jsonschema-cli']['ratio']:.2f}x its time"),
    ]
    rate, speedup, mem10, _ = gen[10_000]
    rate100, speedup100, mem100, _ = gen[100_000]
    checks += [
        ("generate, 100,000 clips: at least 50,000 sidecars/s", rate100 >= 50_000, f"{rate100:,.0f}/s"),
        ("generate, 100,000 clips: a rerun that changes nothing at least 3x faster", speedup100 >= 3,
         f"{speedup100:.1f}x"),
        ("generate: memory flat as the tree grows (10k -> 100k clips)", mem100 <= 1.5 * mem10,
         f"{mem10:.1f} -> {mem100:.1f} MiB"),
    ]
    ratio100, arate100, amem100 = aud[100_000]
    _, _, amem10 = aud[10_000]
    checks += [
        ("audit, 100,000 clips: at most 1.3x generate --dry-run", ratio100 <= 1.3, f"{ratio100:.2f}x"),
        ("audit, 100,000 clips: at least 100,000 sidecars/s", arate100 >= 100_000, f"{arate100:,.0f}/s"),
        ("audit: memory flat as the tree grows (10k -> 100k clips)", amem100 <= 1.5 * amem10,
         f"{amem10:.1f} -> {amem100:.1f} MiB"),
    ]
    clog_ratio, clog_mem100 = clog[100_000]
    _, clog_mem10 = clog[10_000]
    checks += [
        ("generate with a 100,000-row ALE: at most 2x generate without it", clog_ratio <= 2,
         f"{clog_ratio:.2f}x"),
        ("generate with a clip log: peak memory at most 2x from 10,000 to 100,000 rows (the log's text is held)",
         clog_mem100 <= 2 * clog_mem10, f"{clog_mem10:.1f} -> {clog_mem100:.1f} MiB"),
    ]
    for text, ok, value in checks:
        say(f"- {'met' if ok else 'MISSED'}: {text} ({value})")
    say()
    say("### Coverage: the corpus' defects (MANIFEST.tsv) and its clean files")
    say()
    by_defect = coverage(ours_bin, corpus)
    say("| defect | files | flagged (any finding) | failing (an error: exit 1) | rules (files) |")
    say("|---|---:|---:|---:|---|")
    for defect, (n, flagged, failing, rules) in sorted(by_defect.items()):
        rules_text = ", ".join(f"{c} {k}" for c, k in sorted(rules.items()))
        say(f"| {defect} | {n} | {flagged} | {failing} | {rules_text} |")
    say()
    n, flagged, failing, rules = by_defect.get("none", [0, 0, 0, {}])
    say(f"Files the generator calls clean: {failing} of {n} fail; {flagged} carry a warning or "
        f"note ({', '.join(f'{c} on {k}' for c, k in sorted(rules.items())) or 'none'}).")
    with open(a.out, "w", encoding="utf-8") as fh:
        fh.write("# Benchmark results\n\nWritten by scripts/bench.sh; see the README's Performance section.\n\n")
        fh.write("\n".join(lines) + "\n")
    print(f"\nwritten to {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
