'use strict'
// report.toSarif / toGithub / toTable give the CLI's bytes. The CLI's golden
// outputs (bindings/cli/tests/golden/) are what `kubegov check --bundle
// tests/vectors/bundle -f <format> bindings/cli/tests/golden/input` prints
// from the repository root (the CLI's own tests hold it to them), with the
// tool version replaced by `<version>`. When a release build of the CLI is at
// hand its output is compared directly too.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { kubegov, ROOT, PRIV, vectorsBundle } = require('./helpers')

const GOLDEN = path.join(ROOT, 'bindings', 'cli', 'tests', 'golden')
const BUNDLE = 'tests/vectors/bundle'
const INPUT = 'bindings/cli/tests/golden/input'

function normalise(text) {
  const v = kubegov.VERSION
  return text
    .replaceAll(`"version": "${v}"`, '"version": "<version>"')
    .replaceAll(`"semanticVersion": "${v}"`, '"semanticVersion": "<version>"')
}

// relative paths, as the CLI was given them: the file names in the output
function goldenReport() {
  const cwd = process.cwd()
  process.chdir(ROOT)
  try {
    return kubegov.Bundle.load(BUNDLE).check(INPUT)
  } finally {
    process.chdir(cwd)
  }
}

const golden = (name) => fs.readFileSync(path.join(GOLDEN, name), 'utf8')

test('toSarif is the CLI golden SARIF', () => {
  assert.equal(normalise(goldenReport().toSarif()), golden('report.sarif'))
})

test('toGithub, toTable and toJsonString are the CLI golden outputs', () => {
  const r = goldenReport()
  assert.equal(r.toGithub(), golden('report.github.txt'))
  assert.equal(r.toTable(), golden('report.table.txt'))
  assert.equal(r.toTable({ color: false }), golden('report.table.txt'))
  assert.ok(r.toTable({ color: true }).includes('\x1b['))
  assert.equal(r.toJsonString() + '\n', golden('report.json'))
})

function cli() {
  const target = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target')
  return [
    path.join(target, 'x86_64-unknown-linux-gnu', 'release', 'kubegov'),
    path.join(target, 'release', 'kubegov'),
  ].find((p) => fs.existsSync(p))
}

test('the same bytes as the CLI binary', { skip: cli() ? false : 'no release build of the kubegov CLI' }, () => {
  const r = goldenReport()
  const ours = { sarif: r.toSarif(), github: r.toGithub(), json: r.toJsonString() + '\n' }
  for (const fmt of Object.keys(ours)) {
    const out = spawnSync(cli(), ['check', '--bundle', BUNDLE, '-f', fmt, INPUT], { cwd: ROOT, encoding: 'utf8' })
    assert.equal(out.status, 1, out.stderr)
    assert.equal(ours[fmt], out.stdout, fmt)
  }
})

test('toSarif lists the policies with findings, or every policy with allRules', () => {
  const bundle = vectorsBundle()
  const report = bundle.check(PRIV)
  const run = JSON.parse(report.toSarif()).runs[0]
  assert.equal(run.tool.driver.semanticVersion, kubegov.VERSION)
  const found = [...new Set(report.findings.map((f) => f.policy.id))].sort()
  assert.deepEqual(run.tool.driver.rules.map((r) => r.id), found)
  assert.deepEqual(run.results.map((r) => r.ruleId), report.findings.map((f) => f.policy.id))
  const every = JSON.parse(report.toSarif({ allRules: true })).runs[0].tool.driver.rules
  assert.deepEqual(every.map((r) => r.id), bundle.policies.map((p) => p.id))
  assert.equal(report.toSarif({}), report.toSarif())
})

test('toSarif uses the configured bundle; the async report renders the same', async () => {
  const quiet = vectorsBundle().configure({ skip: ['privileged-containers'] })
  assert.ok(!quiet.check(PRIV).toSarif().includes('privileged-containers'))
  const sync = vectorsBundle().check(PRIV)
  const later = await vectorsBundle().checkAsync(PRIV)
  assert.equal(later.toSarif(), sync.toSarif())
  assert.equal(later.toGithub(), sync.toGithub())
})
