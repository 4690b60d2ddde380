#!/usr/bin/env node
// The wasm package in Node versus the Rust CLI on the same corpus.
//
// Times a fresh Node process that loads the wasm module (bindings/wasm/pkg-node),
// builds `Bundle.default()` and checks every corpus file (`checkJson(text,
// file)`, the way a browser or an editor feeds it), against `kubegov check DIR
// -f json` on all cores and on one (wasm runs on one thread). Checks that the
// finding totals agree and prints both ratios (target: wasm within 3x of Rust).
//
//   node benches/wasm_overhead.mjs [--objects 10000] [--files 500] [--runs 3] [--no-build]
//
// Needs the package built (`bash bindings/wasm/scripts/build.sh`, done by
// scripts/test-wasm.sh) and the CLI and gen-corpus built (done here unless
// --no-build).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const TARGET = process.env.KUBEGOV_TARGET ?? 'x86_64-unknown-linux-gnu'
const BIN = path.join(ROOT, 'target', TARGET, 'release')
const PKG = path.join(ROOT, 'bindings', 'wasm', 'pkg-node', 'kubegov_wasm.js')

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : dflt
}
const objects = arg('objects', 10_000)
const files = arg('files', 500)
const runs = arg('runs', 3)

const CHILD = `
const fs = require('node:fs'), path = require('node:path')
const t0 = performance.now()
const { Bundle } = require(${JSON.stringify(PKG)})
const bundle = Bundle.default()
const t1 = performance.now()
let total = 0
for (const f of fs.readdirSync(process.argv[1]).sort()) {
  const p = path.join(process.argv[1], f)
  total += JSON.parse(bundle.checkJson(fs.readFileSync(p, 'utf8'), p)).summary.findings.total
}
const t2 = performance.now()
console.log(((t1 - t0) / 1000).toFixed(4), ((t2 - t1) / 1000).toFixed(4), total)
`

function wall(cmd, args, env = {}, ok = [0, 1]) {
  const t0 = process.hrtime.bigint()
  const p = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env } })
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

if (!existsSync(PKG)) {
  console.error(`${path.relative(ROOT, PKG)} is missing: run bash bindings/wasm/scripts/build.sh`)
  process.exit(2)
}
if (!process.argv.includes('--no-build')) {
  execFileSync('cargo', ['build', '--release', '--target', TARGET, '-p', 'kubegov-cli', '-p', 'kubegov-benches'], {
    cwd: ROOT,
    stdio: 'inherit',
  })
}
const out = path.join(ROOT, 'target', 'wasm-overhead')
mkdirSync(out, { recursive: true })
const corpus = path.join(out, `corpus-${objects}-${files}`)
if (!existsSync(corpus)) {
  execFileSync(path.join(BIN, 'gen-corpus'), [corpus, String(objects), String(files), '42'], { stdio: 'inherit' })
}
const cliJson = path.join(out, 'cli.json')
const cli = [path.join(BIN, 'kubegov'), ['check', corpus, '-f', 'json', '-o', cliJson]]
const wasm = [process.execPath, ['-e', CHILD, corpus]]

wall(...cli) // warm the page cache
const cliTimes = []
const cli1Times = []
const wasmTimes = []
let wasmTotal = 0
let load = []
for (let i = 0; i < runs; i++) {
  cliTimes.push(wall(...cli)[0])
  cli1Times.push(wall(...cli, { RAYON_NUM_THREADS: '1' })[0])
  const [t, stdout] = wall(...wasm, {}, [0])
  wasmTimes.push(t)
  const [l, , n] = stdout.trim().split(/\s+/).map(Number)
  load.push(l)
  wasmTotal = n
}
const cliTotal = JSON.parse(readFileSync(cliJson, 'utf8')).summary.findings.total
const [c, c1, w] = [cliTimes, cli1Times, wasmTimes].map(median)
console.log(`corpus: ${objects} objects in ${files} files (${path.relative(ROOT, corpus)}), ${runs} runs, ${os.cpus().length} CPUs, node ${process.version}`)
console.log(`rust cli, all cores : median ${c.toFixed(3)} s  (min ${Math.min(...cliTimes).toFixed(3)})`)
console.log(`rust cli, 1 thread  : median ${c1.toFixed(3)} s  (min ${Math.min(...cli1Times).toFixed(3)})`)
console.log(`wasm in node        : median ${w.toFixed(3)} s  (min ${Math.min(...wasmTimes).toFixed(3)}; module + Bundle.default() ${median(load).toFixed(3)} s)`)
console.log(`findings: cli ${cliTotal}, wasm ${wasmTotal}`)
console.log(`ratio wasm/rust: ${(w / c1).toFixed(2)}x against one thread, ${(w / c).toFixed(2)}x against all cores (target < 3x)`)
if (cliTotal !== wasmTotal) {
  console.error('the wasm and CLI finding totals differ')
  process.exit(1)
}
