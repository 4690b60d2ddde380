'use strict'
// What npm users get: `npm pack`, `npm install <tarball>` into an empty
// directory, then require('kubegov') and import it from TypeScript.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { execFileSync, spawnSync } = require('node:child_process')
const { tmpDir, VECTORS } = require('./helpers')

const PKG = path.resolve(__dirname, '..')
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm'

test('npm pack, npm install the tarball, require it', () => {
  const out = tmpDir()
  const packed = JSON.parse(
    execFileSync(NPM, ['pack', '--json', '--pack-destination', out], { cwd: PKG, encoding: 'utf8' }),
  )
  const files = packed[0].files.map((f) => f.path).sort()
  assert.deepEqual(files, ['README.md', 'index.d.ts', 'index.js', 'kubegov.linux-x64-gnu.node', 'package.json'])
  const version = require('../package.json').version
  assert.equal(packed[0].version, version)
  const tarball = path.join(out, packed[0].filename)

  const app = tmpDir()
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }))
  execFileSync(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: app, stdio: 'pipe' })

  const script = `
    const k = require('kubegov')
    const b = k.Bundle.load(${JSON.stringify(path.join(VECTORS, 'bundle'))})
    const r = b.check('apiVersion: v1\\nkind: Pod\\nmetadata: {name: a}\\nspec:\\n  containers:\\n  - {name: c, image: x:1, securityContext: {privileged: true}}\\n')
    let code
    try { k.Bundle.load('/no/such/bundle') } catch (e) { code = e.code }
    console.log(JSON.stringify({ policies: k.Bundle.default().policies.length, ids: r.findings.map((f) => f.policy.id), code, denials: r.hasDenials }))
  `
  const result = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: app, encoding: 'utf8' }))
  assert.ok(result.policies >= 20)
  assert.ok(result.ids.includes('privileged-containers'), result.ids.join(','))
  assert.equal(result.code, 'load.io')
  assert.equal(result.denials, true)

  // the installed package's types, from a TypeScript file importing 'kubegov'
  fs.writeFileSync(
    path.join(app, 'main.ts'),
    "import { Bundle, Report } from 'kubegov'\nconst r: Report = Bundle.default().check({ kind: 'Pod' })\nexport const n: number = r.summary.objects\n",
  )
  const tsc = path.join(PKG, 'node_modules', 'typescript', 'bin', 'tsc')
  const t = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'node16', '--moduleResolution', 'node16', 'main.ts'], {
    cwd: app,
    encoding: 'utf8',
  })
  assert.equal(t.status, 0, t.stdout + t.stderr)
})

test('the npm version is the crate version', () => {
  const cargo = fs.readFileSync(path.resolve(PKG, '..', '..', 'Cargo.toml'), 'utf8')
  const ws = cargo.match(/\[workspace\.package\][^[]*?\nversion\s*=\s*"([^"]+)"/)
  assert.ok(ws, 'workspace version')
  assert.equal(require('../package.json').version, ws[1])
})
