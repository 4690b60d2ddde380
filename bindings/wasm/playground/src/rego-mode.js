// A small Rego mode for CodeMirror 6 (there is no maintained Rego package):
// comments (with `# METADATA` blocks), strings and raw strings, numbers,
// keywords, built-in namespaces, `data`/`input` references, operators.
import { StreamLanguage } from '@codemirror/language'

const KEYWORDS = new Set([
  'package', 'import', 'as', 'default', 'not', 'with', 'some', 'every', 'in',
  'if', 'contains', 'else',
])
const ATOMS = new Set(['true', 'false', 'null'])
const ROOTS = new Set(['data', 'input', 'future', 'rego'])
const BUILTIN_NAMESPACES = new Set([
  'array', 'object', 'strings', 'regex', 'glob', 'semver', 'net', 'base64',
  'base64url', 'json', 'yaml', 'time', 'units', 'crypto', 'io', 'http', 'uuid',
  'numbers', 'graph', 'urlquery', 'hex', 'bits', 'opa', 'trace',
])
const BUILTINS = new Set([
  'sprintf', 'count', 'sum', 'max', 'min', 'sort', 'concat', 'contains',
  'startswith', 'endswith', 'lower', 'upper', 'split', 'replace', 'trim',
  'trim_prefix', 'trim_suffix', 'trim_space', 'format_int', 'to_number',
  'is_string', 'is_number', 'is_boolean', 'is_array', 'is_object', 'is_set',
  'is_null', 'type_name', 'indexof', 'substring', 'union', 'intersection',
  'any', 'all', 'abs', 'round', 'ceil', 'floor', 'print', 'walk', 'product',
])

export const rego = StreamLanguage.define({
  name: 'rego',
  startState: () => ({ inRaw: false }),
  token(stream, state) {
    if (state.inRaw) {
      if (stream.skipTo('`')) {
        stream.next()
        state.inRaw = false
      } else {
        stream.skipToEnd()
      }
      return 'string'
    }
    if (stream.eatSpace()) return null
    if (stream.match(/^#\s*METADATA\b/)) {
      stream.skipToEnd()
      return 'meta'
    }
    if (stream.peek() === '#') {
      stream.skipToEnd()
      return 'comment'
    }
    if (stream.peek() === '"') {
      stream.next()
      let escaped = false
      let ch
      while ((ch = stream.next()) != null) {
        if (ch === '"' && !escaped) break
        escaped = !escaped && ch === '\\'
      }
      return 'string'
    }
    if (stream.peek() === '`') {
      stream.next()
      if (stream.skipTo('`')) {
        stream.next()
      } else {
        stream.skipToEnd()
        state.inRaw = true
      }
      return 'string'
    }
    if (stream.match(/^-?\d+(\.\d+)?([eE][+-]?\d+)?/)) return 'number'
    if (stream.match(/^(:=|==|!=|<=|>=|=|<|>|\||&|\+|-|\*|\/|%)/)) return 'operator'
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*/)) {
      const word = stream.current()
      if (KEYWORDS.has(word)) return 'keyword'
      if (ATOMS.has(word)) return 'atom'
      if (ROOTS.has(word)) return 'variableName.special'
      if (BUILTIN_NAMESPACES.has(word) && stream.peek() === '.') return 'namespace'
      if (BUILTINS.has(word) && stream.peek() === '(') return 'variableName.standard'
      if (stream.peek() === '(') return 'variableName.function'
      return 'variableName'
    }
    if (stream.match(/^[[\]{}(),.;:]/)) return 'punctuation'
    stream.next()
    return null
  },
  languageData: {
    commentTokens: { line: '#' },
    closeBrackets: { brackets: ['(', '[', '{', '"', '`'] },
  },
})
