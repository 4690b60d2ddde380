'use strict'
// Byte-identical to the CLI: `kubegov check -f json` and toJsonString() on the
// same files, with the vector bundle and with the built-in library. Uses the
// CLI built by the Rust suite (scripts/test-rust.sh) on the shared target.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { kubegov, ROOT, VECTORS, PRIV, tmpDir } = require('./helpers')

const TARGET = process.env.KUBEGOV_TARGET || 'x86_64-unknown-linux-gnu'
const CLI = path.join(ROOT, 'target', TARGET, 'release', 'kubegov')

function cli(args) {
  const r = spawnSync(CLI, ['check', ...args, '-f', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 })
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`)
  return r.stdout
}

test('the same report as the CLI, byte for byte', { skip: !fs.existsSync(CLI) && `no CLI at ${CLI}` }, () => {
  const dir = tmpDir()
  fs.writeFileSync(path.join(dir, 'pod.yaml'), `${PRIV}---\nkind: [broken\n`)
  for (const name of fs.readdirSync(path.join(VECTORS, 'cases')).filter((f) => f.endsWith('.input'))) {
    fs.copyFileSync(path.join(VECTORS, 'cases', name), path.join(dir, name.replace(/\.input$/, '.yaml')))
  }
  const vectors = kubegov.Bundle.load(path.join(VECTORS, 'bundle'))
  assert.equal(vectors.check(dir).toJsonString() + '\n', cli(['--bundle', path.join(VECTORS, 'bundle'), dir]))
  const examples = path.join(ROOT, 'examples')
  assert.equal(kubegov.Bundle.default().check(examples).toJsonString() + '\n', cli([examples]))
})
