// The hand-written contender for prompt resolution: what a user would write
// instead of the package. One regex finds the variables, a second walks the
// path (`.key`, `[0]`, `['key']`, `["key"]`). Input variables are replaced
// (strings as is, anything else as JSON text, a missing path as `__EMPTY__`),
// sensitive `{$x}` and runtime `{{x}}` ones are kept verbatim, a backslash
// before `{` is dropped and the braces after it stay literal. No issues, no
// variable list, no `$ref` handling: a lower bound on the work.

const TOKEN = /\\(\{+)|\{\{[^{}]*\}\}|\{\$[^{}]*\}|\{([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*|\[\d+\]|\['[^']*'\]|\["[^"]*"\])*)\}/g;
const SEGMENT = /\.([A-Za-z_]\w*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/g;

export function regexResolve(text, inputs = {}) {
  return text.replace(TOKEN, (raw, escaped, root, path) => {
    if (escaped !== undefined) return escaped; // \{ -> {
    if (root === undefined) return raw; // {{runtime}} and {$sensitive}: verbatim
    let v = Object.hasOwn(inputs, root) ? inputs[root] : undefined;
    for (const s of path.matchAll(SEGMENT)) {
      if (v === undefined) break;
      if (v === null || typeof v !== "object") throw new TypeError(`${raw}: cannot look into a ${typeof v}`);
      const key = s[1] ?? (s[2] !== undefined ? Number(s[2]) : (s[3] ?? s[4]));
      v = Object.hasOwn(v, key) ? v[key] : undefined;
    }
    if (v === undefined) return "__EMPTY__";
    return typeof v === "string" ? v : JSON.stringify(v);
  });
}
