// The generated-input forms of tests/vectors/README.md (`$vector_repeat`,
// `$vector_deep`), shared by the test files that read the vectors.

/** Expands the README's generated-input forms. */
export function expand(v) {
  if (Array.isArray(v)) return v.map(expand);
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === "$vector_repeat") {
      const [s, n] = v.$vector_repeat;
      return s.repeat(n);
    }
    if (keys.length === 1 && keys[0] === "$vector_deep") {
      let out = 0;
      for (let i = 0; i < v.$vector_deep; i++) out = [out];
      return out;
    }
    const o = {};
    for (const k of keys) o[k] = expand(v[k]);
    return o;
  }
  return v;
}
