'use strict'
// The generated index.d.ts is valid and describes the API: tsc accepts a
// usage file with --strict, and rejects a misuse.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { tmpDir } = require('./helpers')

const PKG = path.resolve(__dirname, '..')
const TSC = path.join(PKG, 'node_modules', 'typescript', 'bin', 'tsc')
const FLAGS = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'node16', '--moduleResolution', 'node16']

function tsc(files) {
  return spawnSync(process.execPath, [TSC, ...FLAGS, ...files], {
    cwd: PKG,
    encoding: 'utf8',
  })
}

test('tsc --noEmit --strict accepts the usage file', () => {
  const r = tsc([path.join(__dirname, 'usage.ts')])
  assert.equal(r.status, 0, r.stdout + r.stderr)
})

test('tsc rejects a misuse of the types', () => {
  const dir = tmpDir()
  const bad = path.join(dir, 'bad.ts')
  fs.writeFileSync(
    bad,
    `import { Bundle } from ${JSON.stringify(PKG)}\n` +
      'const n: number = Bundle.default().digest\n' +
      "Bundle.default().check(42)\n" +
      "const s: 'urgent' = Bundle.default().policies[0].severity\n",
  )
  const r = tsc([bad])
  assert.notEqual(r.status, 0)
  const out = r.stdout + r.stderr
  assert.match(out, /bad\.ts\(2,/)
  assert.match(out, /bad\.ts\(3,/)
  assert.match(out, /bad\.ts\(4,/)
})

test('index.d.ts declares every export of the addon', () => {
  const dts = fs.readFileSync(path.join(PKG, 'index.d.ts'), 'utf8')
  const kubegov = require('..')
  for (const name of Object.keys(kubegov)) {
    if (name.startsWith('__')) continue
    assert.match(dts, new RegExp(`export declare (class|function|const) ${name}\\b`), name)
  }
})
