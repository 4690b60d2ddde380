// A tiny static server for dist/ (the playground is plain files): 127.0.0.1
// only, GET/HEAD only, no directory listing, paths confined to the root.
//   node serve.mjs [port] [root]      (port 0: any free port)
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

/** Serve `root` on 127.0.0.1:`port`; resolves to the listening server. */
export function serve(root, port = 0) {
  const base = path.resolve(root)
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end()
      return
    }
    let rel
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname)
    } catch {
      res.writeHead(400).end()
      return
    }
    if (rel.endsWith('/')) rel += 'index.html'
    const file = path.resolve(base, `.${rel}`)
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end()
      return
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
        return
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-cache',
      })
      res.end(req.method === 'HEAD' ? undefined : body)
    })
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const port = Number(process.argv[2] ?? 8080)
  const here = path.dirname(fileURLToPath(import.meta.url))
  const root = process.argv[3] ?? path.join(here, 'dist')
  const server = await serve(root, port)
  console.log(`kubegov playground: http://127.0.0.1:${server.address().port}/ (Ctrl-C to stop)`)
}
