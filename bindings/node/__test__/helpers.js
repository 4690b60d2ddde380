'use strict'
// Shared fixtures: the repository's golden-vector bundle and sample objects.
const path = require('node:path')
const fs = require('node:fs')
const os = require('node:os')

const kubegov = require('..')

const ROOT = path.resolve(__dirname, '..', '..', '..')
const VECTORS = path.join(ROOT, 'tests', 'vectors')

// The pod of the core's input tests: the privileged flag is on line 13, column 7.
const PRIV =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {team: a}\nspec:\n' +
  '  containers:\n  - name: ok\n    image: a:1\n  - name: bad\n    image: b:1\n' +
  '    securityContext:\n      privileged: true\n'

const PRIV_OBJ = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { team: 'a' } },
  spec: {
    containers: [
      { name: 'ok', image: 'a:1' },
      { name: 'bad', image: 'b:1', securityContext: { privileged: true } },
    ],
  },
}

function policyHeader(id, pkg) {
  return (
    '# METADATA\n# title: T\n# description: D.\n# custom:\n' +
    `#   id: ${id}\n#   severity: low\n#   category: demo\n` +
    `package ${pkg}\nimport rego.v1\n`
  )
}

let vectors
function vectorsBundle() {
  vectors ??= kubegov.Bundle.load(path.join(VECTORS, 'bundle'))
  return vectors
}

const tmpDirs = []
process.on('exit', () => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true })
})

/** A fresh temporary directory, removed when the test process exits. */
function tmpDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubegov-node-'))
  tmpDirs.push(dir)
  return dir
}

/** [file, line, column] of each privileged-containers finding. */
function privileged(report) {
  return report.findings
    .filter((f) => f.policy.id === 'privileged-containers')
    .map((f) => [f.source.file, f.source.line, f.source.column])
}

/** The thrown error, for assertions on its properties. */
function caught(fn) {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected an exception')
}

module.exports = { kubegov, ROOT, VECTORS, PRIV, PRIV_OBJ, policyHeader, vectorsBundle, tmpDir, privileged, caught }
