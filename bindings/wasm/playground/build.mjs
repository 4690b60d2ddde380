// Build the playground into dist/: index.html, app.js (esbuild bundle of the
// app, CodeMirror and the wasm-bindgen glue), app.css and the .wasm. The
// policies' samples are bundled in so the gallery can load them offline.
// Needs ../pkg-web (bash ../scripts/build.sh).
import * as esbuild from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..', '..', '..')
const pkg = path.resolve(here, '..', 'pkg-web')
const dist = path.join(here, 'dist')

if (!fs.existsSync(path.join(pkg, 'kubegov_wasm_bg.wasm'))) {
  console.error('missing bindings/wasm/pkg-web: run bash bindings/wasm/scripts/build.sh first')
  process.exit(1)
}

/** { id: { allowed, disallowed } } from policies/<category>/<id>/samples/. */
function samples() {
  const out = {}
  const policies = path.join(root, 'policies')
  for (const category of fs.readdirSync(policies).sort()) {
    const dir = path.join(policies, category)
    if (!fs.statSync(dir).isDirectory()) continue
    for (const id of fs.readdirSync(dir).sort()) {
      const s = path.join(dir, id, 'samples')
      if (!fs.existsSync(s)) continue
      const entry = {}
      for (const kind of ['allowed', 'disallowed']) {
        const f = path.join(s, `${kind}.yaml`)
        if (fs.existsSync(f)) entry[kind] = fs.readFileSync(f, 'utf8')
      }
      out[id] = entry
    }
  }
  return out
}

const samplesPlugin = {
  name: 'kubegov-samples',
  setup(build) {
    build.onResolve({ filter: /^kubegov:samples$/ }, (args) => ({ path: args.path, namespace: 'kubegov' }))
    build.onLoad({ filter: /.*/, namespace: 'kubegov' }, () => ({
      contents: `export const SAMPLES = ${JSON.stringify(samples())}`,
      loader: 'js',
    }))
  },
}

const started = Date.now()
fs.rmSync(dist, { recursive: true, force: true })
fs.mkdirSync(dist, { recursive: true })
await esbuild.build({
  entryPoints: { app: path.join(here, 'src', 'main.js') },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  outdir: dist,
  plugins: [samplesPlugin],
  logLevel: 'warning',
})
fs.copyFileSync(path.join(here, 'src', 'app.css'), path.join(dist, 'app.css'))
fs.copyFileSync(path.join(here, 'index.html'), path.join(dist, 'index.html'))
fs.copyFileSync(path.join(pkg, 'kubegov_wasm_bg.wasm'), path.join(dist, 'kubegov_wasm_bg.wasm'))
for (const f of fs.readdirSync(dist).sort()) {
  console.log(`dist/${f}: ${fs.statSync(path.join(dist, f)).size} bytes`)
}
console.log(`playground built in ${Date.now() - started} ms`)
