// The playground's state in the URL fragment: JSON, deflate-raw
// (CompressionStream, built into browsers), base64url. Nothing leaves the
// page: the fragment is never sent to a server.

const PREFIX = 's='

function toBase64Url(bytes) {
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000))
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/')
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

async function pipe(bytes, stream) {
  const blob = new Blob([bytes])
  const out = await new Response(blob.stream().pipeThrough(stream)).arrayBuffer()
  return new Uint8Array(out)
}

/** The fragment (without `#`) holding `state`. */
export async function encodeState(state) {
  const json = new TextEncoder().encode(JSON.stringify(state))
  const packed = await pipe(json, new CompressionStream('deflate-raw'))
  return PREFIX + toBase64Url(packed)
}

/** The state in a fragment (with or without `#`), or null if there is none or it is unreadable. */
export async function decodeState(fragment) {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment
  if (!text.startsWith(PREFIX)) return null
  try {
    const bytes = await pipe(fromBase64Url(text.slice(PREFIX.length)), new DecompressionStream('deflate-raw'))
    const state = JSON.parse(new TextDecoder().decode(bytes))
    return state && typeof state === 'object' ? state : null
  } catch {
    return null
  }
}
