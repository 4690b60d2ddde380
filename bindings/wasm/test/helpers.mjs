// Shared fixtures: the Node build of the package, the golden-vector bundle, sample objects.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
export const PKG = path.resolve(here, '..')
export const ROOT = path.resolve(PKG, '..', '..')
export const VECTORS = path.join(ROOT, 'tests', 'vectors')

// pkg-node is the wasm-bindgen `nodejs` target (CommonJS).
export const kubegov = createRequire(import.meta.url)('../pkg-node/kubegov_wasm.js')

/** `{relative/path: text}` of every file under `dir`. */
export function readTree(dir) {
  const out = {}
  const walk = (d) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name)
      if (fs.statSync(p).isDirectory()) walk(p)
      else out[path.relative(dir, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8')
    }
  }
  walk(dir)
  return out
}

let vectors
export function vectorsBundle() {
  vectors ??= kubegov.Bundle.fromSources(readTree(path.join(VECTORS, 'bundle')))
  return vectors
}

let library
export function libraryBundle() {
  library ??= kubegov.Bundle.default()
  return library
}

// The pod of the core's input tests: the privileged flag is on line 13, column 7.
export const PRIV =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {team: a}\nspec:\n' +
  '  containers:\n  - name: ok\n    image: a:1\n  - name: bad\n    image: b:1\n' +
  '    securityContext:\n      privileged: true\n'

export const PRIV_OBJ = {
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

export function policyHeader(id, pkg) {
  return (
    '# METADATA\n# title: T\n# description: D.\n# custom:\n' +
    `#   id: ${id}\n#   severity: low\n#   category: demo\n` +
    `package ${pkg}\nimport rego.v1\n`
  )
}

/** [file, line, column] of each privileged-containers finding. */
export function privileged(report) {
  return report.findings
    .filter((f) => f.policy.id === 'privileged-containers')
    .map((f) => [f.source.file, f.source.line, f.source.column])
}

/** The thrown error, for assertions on its properties. */
export function caught(fn) {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected an exception')
}
