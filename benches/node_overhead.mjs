#!/usr/bin/env node
// Node binding overhead versus the Rust CLI on the same corpus.
//
// Times `Bundle.default().check(DIR).toJsonString()` in a fresh Node process
// against `kubegov check DIR -f json` (both: process start, the built-in
// bundle, reading and evaluating every file, the JSON report), checks that the
// two reports are byte-identical, and prints the ratio (target: under 1.5x).
//
//   node benches/node_overhead.mjs [--objects 10000] [--files 500] [--runs 5] [--no-build]
//
// Needs the addon built (`bash scripts/test-node.sh`, or `npx napi build
// --release --platform --target x86_64-unknown-linux-gnu` in bindings/node).
// The corpus comes from the benches' `gen-corpus` (seed 42: the corpus of
// benches/README.md), mixed workloads, RBAC, services, ingresses, policies.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const TARGET = process.env.KUBEGOV_TARGET ?? 'x86_64-unknown-linux-gnu'
const BIN = path.join(ROOT, 'target', TARGET, 'release')
const ADDON = path.join(ROOT, 'bindings', 'node')

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : dflt
}
const objects = arg('objects', 10_000)
const files = arg('files', 500)
const runs = arg('runs', 5)

const CHILD = `
const t0 = performance.now()
const { Bundle } = require(${JSON.stringify(ADDON)})
const t1 = performance.now()
const bundle = Bundle.default()
const t2 = performance.now()
const report = bundle.check(process.argv[1])
const t3 = performance.now()
const text = report.toJsonString()
const t4 = performance.now()
require('node:fs').writeFileSync(process.argv[2], text + '\\n')
console.log([t1 - t0, t2 - t1, t3 - t2, t4 - t3].map((x) => (x / 1000).toFixed(4)).join(' '))
`

function wall(cmd, args, ok = [0, 1]) {
  const t0 = process.hrtime.bigint()
  const p = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 })
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9
  if (!ok.includes(p.status)) {
    console.error(`${cmd} failed (${p.status}): ${(p.stderr ?? '').trim()}`)
    process.exit(2)
  }
  return [elapsed, p.stdout]
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

if (!process.argv.includes('--no-build')) {
  execFileSync('cargo', ['build', '--release', '--target', TARGET, '-p', 'kubegov-cli', '-p', 'kubegov-benches'], {
    cwd: ROOT,
    stdio: 'inherit',
  })
}
const out = path.join(ROOT, 'target', 'node-overhead')
mkdirSync(out, { recursive: true })
const corpus = path.join(out, `corpus-${objects}-${files}`)
if (!existsSync(corpus)) {
  execFileSync(path.join(BIN, 'gen-corpus'), [corpus, String(objects), String(files), '42'], { stdio: 'inherit' })
}
const cliJson = path.join(out, 'cli.json')
const nodeJson = path.join(out, 'node.json')
const cli = [path.join(BIN, 'kubegov'), ['check', corpus, '-f', 'json', '-o', cliJson]]
const node = [process.execPath, ['-e', CHILD, corpus, nodeJson]]

// warm the page cache and both programs once, then alternate runs
wall(...cli)
wall(...node, [0])
const cliTimes = []
const nodeTimes = []
const phases = []
for (let i = 0; i < runs; i++) {
  cliTimes.push(wall(...cli)[0])
  const [t, stdout] = wall(...node, [0])
  nodeTimes.push(t)
  phases.push(stdout.trim().split(/\s+/).map(Number))
}

const identical = readFileSync(cliJson).equals(readFileSync(nodeJson))
const c = median(cliTimes)
const n = median(nodeTimes)
const [imp, bnd, chk, js] = [0, 1, 2, 3].map((i) => median(phases.map((p) => p[i])))
console.log(`corpus: ${objects} objects in ${files} files (${path.relative(ROOT, corpus)}), ${runs} runs, ${os.cpus().length} CPUs, node ${process.version}`)
console.log(`rust cli  kubegov check -f json  : median ${c.toFixed(3)} s  (min ${Math.min(...cliTimes).toFixed(3)})`)
console.log(`node      Bundle.default().check : median ${n.toFixed(3)} s  (min ${Math.min(...nodeTimes).toFixed(3)})`)
console.log(`  node phases (median): require ${imp.toFixed(3)} s, Bundle.default() ${bnd.toFixed(3)} s, check ${chk.toFixed(3)} s, toJsonString ${js.toFixed(3)} s`)
console.log(`reports byte-identical: ${identical}`)
console.log(`ratio node/rust: ${(n / c).toFixed(2)}x (target < 1.5x)`)
if (!identical) {
  console.error('the Node and CLI reports differ')
  process.exit(1)
}
