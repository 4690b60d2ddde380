// The generated TypeScript declarations: a usage file type-checks with
// tsc --strict, and a misuse does not.
import test from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { PKG } from './helpers.mjs'

const TSC = path.join(PKG, 'node_modules', '.bin', 'tsc')
const FLAGS = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'node16', '--moduleResolution', 'node16', '--lib', 'esnext,dom']

function tsc(file) {
  return spawnSync(TSC, [...FLAGS, file], { cwd: PKG, encoding: 'utf8' })
}

test('the declarations type-check a typical use (tsc --strict)', () => {
  const r = tsc(path.join(PKG, 'test', 'usage.ts'))
  assert.equal(r.status, 0, r.stdout + r.stderr)
})

test('the declarations reject a misuse', () => {
  const dir = fs.mkdtempSync(path.join(PKG, 'test', '.tmp-'))
  try {
    const bad = path.join(dir, 'bad.ts')
    fs.writeFileSync(bad, "import { Bundle } from '../../pkg-web/kubegov_wasm.js'\nconst n: number = Bundle.default().check('').findings[0].message\nexport { n }\n")
    const r = tsc(bad)
    assert.notEqual(r.status, 0)
    assert.match(r.stdout, /TS2322/)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('the package has declarations for both targets', () => {
  for (const dir of ['pkg-web', 'pkg-node']) {
    const dts = fs.readFileSync(path.join(PKG, dir, 'kubegov_wasm.d.ts'), 'utf8')
    assert.match(dts, /check\(input: CheckInput, file\?: string \| null\): Report;/)
    assert.match(dts, /export interface KubegovError extends Error/)
  }
})
