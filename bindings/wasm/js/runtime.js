// The package's entry points around wasm-bindgen's glue. scripts/wrap.mjs
// makes the glue a factory (`createGlue()`: fresh glue state and, once
// initialised, a fresh instance of the module on each call) and writes
// kubegov_wasm.js: the glue's import, `const WEB`, this file, then the exports.
//
// The module is built with `panic = "abort"`: a panic is a trap
// (`WebAssembly.RuntimeError: unreachable`) and the instance is in an unknown
// state afterwards. Every call goes through `guard`: a trap becomes a
// `KubegovError` with code `internal` (the message the panic hook kept, read
// with `__lastPanic`), the instance is dropped and the module instantiated
// again, so the next call works. Objects made by the dropped instance throw
// `bundle.invalidated` (their memory is gone); their `free()` does nothing.

const INTERNAL = 'internal error in kubegov (please report it): '

function kubegovError(code, message, cause) {
  const e = new Error(message, cause === undefined ? undefined : { cause })
  e.name = 'KubegovError'
  e.code = code
  return e
}

// A trap: a panic (`unreachable`), an out-of-bounds access, or the call
// stack exhausted inside the module.
function isTrap(e) {
  return e instanceof WebAssembly.RuntimeError || (e instanceof RangeError && /call stack/i.test(String(e.message)))
}

let glue = createGlue() // the live generation
let generation = 0
let compiled // web: the compiled WebAssembly.Module, to instantiate it again
let restarting = null // web: a promise while the module is instantiated again asynchronously
let failed = null // the error that prevented instantiating the module again

function current() {
  if (failed) {
    throw kubegovError('internal', `${INTERNAL}cannot instantiate the WebAssembly module again: ${failed.message || failed}`, failed)
  }
  if (restarting) {
    throw kubegovError('internal', `${INTERNAL}the WebAssembly module is being instantiated again after an internal error: try again in a moment`)
  }
  return glue
}

function restart() {
  const dead = glue
  dead.__retire()
  generation += 1
  try {
    const next = createGlue() // Node: instantiates the module
    glue = next
    if (!WEB) return
    if (!compiled) throw new Error('the module was never initialised')
    try {
      next.initSync({ module: compiled })
    } catch (e) {
      // A browser may refuse to instantiate a large module synchronously on
      // its main thread: then asynchronously, and calls fail until it is done.
      if (!(e instanceof RangeError)) throw e
      restarting = next.default({ module_or_path: compiled }).then(
        () => { restarting = null },
        (err) => { restarting = null; failed = err },
      )
    }
  } catch (e) {
    failed = e
  }
}

/** `call(glue)`, turning a trap into a coded error and restarting the module. */
function guard(call) {
  const g = current()
  try {
    return call(g)
  } catch (e) {
    if (!isTrap(e)) throw e
    let what
    try {
      what = g.__lastPanic() // the panic hook's message, from the trapped instance
    } catch {
      // The instance cannot even answer that: the trap's own message then.
    }
    restart()
    throw kubegovError('internal', INTERNAL + (what ?? String(e)), e)
  }
}

// wrapper object -> { inner: the glue's object, generation: the instance that made it }
const handles = new WeakMap()
const classes = new Map() // class name -> wrapper class

function adopt(g, value) {
  for (const [name, W] of classes) {
    if (value instanceof g[name]) {
      const obj = Object.create(W.prototype)
      handles.set(obj, { inner: value, generation })
      return obj
    }
  }
  return value
}

function unwrap(obj, name) {
  const h = handles.get(obj)
  if (!h) throw new TypeError(`not a ${name}`)
  if (h.generation !== generation) {
    throw kubegovError(
      `${name.toLowerCase()}.invalidated`,
      `this ${name} was made before kubegov restarted after an internal error and can no longer be used: make it again`,
    )
  }
  return h.inner
}

/** The wrapper of the glue's function `name`. */
function wrapFunction(name) {
  const f = (...args) => guard((g) => adopt(g, g[name](...args)))
  Object.defineProperty(f, 'name', { value: name })
  return f
}

/** The wrapper of the glue's class `name`: its methods, getters and static functions. */
function wrapClass(name) {
  const W = class {
    constructor() {
      throw new TypeError(`${name} has no public constructor`)
    }
  }
  Object.defineProperty(W, 'name', { value: name })
  const proto = glue[name].prototype
  for (const key of Reflect.ownKeys(proto)) {
    if (key === 'constructor' || (typeof key === 'string' && key.startsWith('__'))) continue
    const d = Object.getOwnPropertyDescriptor(proto, key)
    if (key === 'free' || key === Symbol.dispose) {
      // Nothing to free once the instance that made the object is gone.
      W.prototype[key] = function () {
        const h = handles.get(this)
        if (!h || h.generation !== generation) return undefined
        return guard(() => h.inner[key]())
      }
    } else if (d.get) {
      Object.defineProperty(W.prototype, key, {
        get() {
          return guard((g) => adopt(g, unwrap(this, name)[key]))
        },
        configurable: true,
      })
    } else if (typeof d.value === 'function') {
      W.prototype[key] = function (...args) {
        return guard((g) => adopt(g, unwrap(this, name)[key](...args)))
      }
    }
  }
  for (const key of Object.getOwnPropertyNames(glue[name])) {
    if (['length', 'name', 'prototype'].includes(key) || key.startsWith('__')) continue
    if (typeof glue[name][key] !== 'function') continue
    W[key] = (...args) => guard((g) => adopt(g, g[name][key](...args)))
  }
  classes.set(name, W)
  return W
}

/** Web: wasm-bindgen's `init` (the default export); keeps the compiled module. */
async function init(arg) {
  if (restarting) await restarting
  const out = await glue.default(arg)
  compiled = glue.__module()
  return out
}

/** Web: wasm-bindgen's `initSync`; keeps the compiled module. */
function initSync(arg) {
  const out = glue.initSync(arg)
  compiled = glue.__module()
  return out
}
