// Host values to what the wasm exports take. The one place that looks at
// JavaScript values: everything crosses as JSON text written here, so a
// value reaches the core exactly as JSON would carry it, or not at all.
//
// Rules (the README's "JavaScript values" section):
// - a missing key or an `undefined` property means absent; `null` is null;
// - plain objects (prototype `Object.prototype` or `null`) and arrays only;
//   `Map`, `Set`, `Date`, class instances, functions, symbols, `BigInt`,
//   `NaN`, `Infinity`, array holes and `undefined` array items are refused
//   with `unsupported_value`; an own `__proto__` key (what JSON.parse makes
//   of `"__proto__"`) is plain data, as in every other language: it is read
//   as an own property and never touches a prototype;
// - a string (or key) with a lone surrogate is `invalid_string`;
// - a value that contains itself is `cyclic_value`;
// - nesting past 128 levels is `too_deep`.
// Each property is read once, so a getter can't make the check and the
// payload disagree.

import { hostError, KitError } from "./errors.js";
import { invoke } from "./call.js";
import { ensureReady } from "./state.js";
import * as raw from "./wasm/cyberdesk_kit_wasm.js";

/** The deepest nesting any value may have (the core's `MAX_DEPTH`). */
export const MAX_DEPTH = 128;

const hasIsWellFormed = typeof String.prototype.isWellFormed === "function";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `s` is valid Unicode (no lone surrogate). */
export function wellFormed(s) {
  return hasIsWellFormed ? s.isWellFormed() : !LONE_SURROGATE.test(s);
}

const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/** A string as JSON text (the string is well-formed). */
function quote(s) {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

function where(path) {
  return path.length === 0 ? "" : ` at ${path}`;
}

function describe(v) {
  if (v === undefined) return "undefined";
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : String(v);
  if (typeof v === "bigint") return "a BigInt";
  if (typeof v === "symbol") return "a symbol";
  if (typeof v === "function") return "a function";
  const tag = Object.prototype.toString.call(v).slice(8, -1);
  const ctor = v && v.constructor && typeof v.constructor.name === "string" ? v.constructor.name : "";
  if (tag === "Object") return ctor ? `an instance of ${ctor}` : "an object with a custom prototype";
  return `a ${tag}`;
}

function unsupported(v, path) {
  return hostError("unsupported_value", `${describe(v)} has no JSON form${where(path)}`);
}

/** A plain object: `{}`, `Object.create(null)`, or one from another realm. */
function isPlainObject(v) {
  const proto = Object.getPrototypeOf(v);
  if (proto === null || proto === Object.prototype) return true;
  // Object.prototype of another realm (a vm context, an iframe).
  return Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(v) === "[object Object]"
    && typeof proto.hasOwnProperty === "function" && Object.prototype.hasOwnProperty.call(proto, "hasOwnProperty");
}

// The rules above as predicates, shared by the Writer (which writes the
// text and names what it refuses) and `jsonBudget` (the fast path's
// check-only walk, which writes nothing): one definition of "has a JSON
// form" for both.

/**
 * The JSON type of `v`'s top level as a bit of the core's type set (null 1,
 * boolean 2, integer 4 | number 8, number 8, string 16, array 32, object 64),
 * or a reason it has none: `NO_FORM` (undefined, a function, a symbol, a
 * BigInt, NaN, ±Infinity, a Map, Set, Date or class instance) or
 * `SYMBOL_KEY` (a plain object with an enumerable symbol key). A string is
 * `T_STR` whatever it holds: whether it is well-formed is `wellFormed`'s
 * question (it reads the whole string).
 */
export function jsonType(v) {
  switch (typeof v) {
    case "string":
      return T_STR;
    case "number":
      return Number.isFinite(v) ? (Number.isInteger(v) ? T_INT | T_NUM : T_NUM) : NO_FORM;
    case "boolean":
      return T_BOOL;
    case "object":
      if (v === null) return T_NULL;
      if (Array.isArray(v)) return T_ARR;
      if (!isPlainObject(v)) return NO_FORM;
      return hasSymbolKey(v) ? SYMBOL_KEY : T_OBJ;
    default:
      return NO_FORM;
  }
}
export const T_NULL = 1;
export const T_BOOL = 2;
export const T_INT = 4;
export const T_NUM = 8;
export const T_STR = 16;
export const T_ARR = 32;
export const T_OBJ = 64;
export const NO_FORM = -1;
export const SYMBOL_KEY = -2;

function hasSymbolKey(v) {
  const symbols = Object.getOwnPropertySymbols(v);
  return symbols.length > 0 && symbols.some((s) => Object.prototype.propertyIsEnumerable.call(v, s));
}

/** Whether a container at `depth` (the argument is depth 1) nests too deep. */
export function tooDeep(depth) {
  return depth >= MAX_DEPTH;
}

/** Whether index `i` of array `v` is a hole (no JSON form, as `undefined`). */
export function isHole(v, i) {
  return !(i in v);
}

/**
 * An upper bound on the UTF-8 bytes of the JSON text of a string (or key:
 * its colon and comma included) of `length` UTF-16 units: at most 6 bytes a
 * unit (`\u001f`), 3 for quotes and separators.
 */
export function stringBytes(length) {
  return 6 * length + 3;
}
/** The same for a number (`-1.7976931348623157e+308,`), a literal, a container's brackets. */
export const SCALAR_BYTES = 25;

/**
 * The check-only twin of `toJson`: whether `toJson(v)` at `depth` would
 * certainly succeed, writing nothing, with `budget` bytes of JSON text left
 * (see `stringBytes`). Returns what is left of the budget, or -1 when not
 * certain (something `toJson` refuses, or the budget ran out). No cycle
 * set: a cycle nests without end, so it stops at the depth limit. A getter
 * or Proxy trap that throws propagates.
 */
export function jsonBudget(v, depth, budget) {
  const t = jsonType(v);
  if (t === T_STR) return stringBudget(v, budget);
  budget -= SCALAR_BYTES;
  if (t < T_ARR) return t < 0 || budget < 0 ? -1 : budget;
  if (tooDeep(depth)) return -1;
  if (t === T_ARR) {
    const n = v.length;
    for (let i = 0; i < n && budget >= 0; i++) {
      if (isHole(v, i)) return -1;
      const item = v[i];
      if (item === undefined) return -1;
      // Strings, the most common items, without a call of their own.
      budget = typeof item === "string" ? stringBudget(item, budget) : jsonBudget(item, depth + 1, budget);
    }
    return budget;
  }
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length && budget >= 0; i++) {
    const key = keys[i];
    if (!wellFormed(key)) return -1;
    const item = v[key];
    if (item === undefined) continue; // absent
    budget -= stringBytes(key.length);
    budget = typeof item === "string" ? stringBudget(item, budget) : jsonBudget(item, depth + 1, budget);
  }
  return budget;
}

/** `jsonBudget` of a string. */
export function stringBudget(s, budget) {
  budget -= stringBytes(s.length);
  return budget >= 0 && wellFormed(s) ? budget : -1;
}

/**
 * Writes `value` as JSON text, refusing what has no exact JSON form.
 * @param {unknown} value
 * @param {string} name the argument's name, for messages
 * @returns {string}
 */
export function toJson(value, name) {
  const w = new Writer(name);
  try {
    w.write(value, 1);
  } catch (e) {
    if (e instanceof KitError) throw e;
    // The caller's own getter, Proxy trap or toJSON threw: still a coded
    // error (its message is not copied: it may hold anything); the
    // original stays reachable as `cause`.
    const err = hostError("unsupported_value", `reading ${w.path()} threw ${e?.name ?? typeof e}`);
    err.cause = e;
    throw err;
  }
  return w.out;
}

class Writer {
  constructor(name) {
    this.name = name;
    /** The keys and indices from the argument to the value being written. */
    this.keys = [];
    /** The containers being written (for cycles). */
    this.open = new Set();
    this.out = "";
  }

  /** Where the current value is, for messages (built only on error). */
  path() {
    let p = this.name;
    for (const k of this.keys) p += typeof k === "number" ? `[${k}]` : `.${k}`;
    return p;
  }

  write(v, depth) {
    const t = jsonType(v);
    switch (t) {
      case T_STR:
        if (!wellFormed(v)) throw hostError("invalid_string", `a string${where(this.path())} has a lone surrogate`);
        this.out += quote(v);
        return;
      case T_NUM:
      case T_INT | T_NUM:
        this.out += String(v); // the same text as JSON.stringify for finite numbers
        return;
      case T_BOOL:
        this.out += v ? "true" : "false";
        return;
      case T_NULL:
        this.out += "null";
        return;
    }
    if (typeof v !== "object") throw unsupported(v, this.path());
    // Any object: the cycle and the depth are named before what it is.
    if (this.open.has(v)) throw hostError("cyclic_value", `${this.path()} contains itself`);
    if (tooDeep(depth)) throw hostError("too_deep", this.path());
    if (t === NO_FORM) throw unsupported(v, this.path());
    if (t === SYMBOL_KEY) throw hostError("unsupported_value", `a symbol key has no JSON form${where(this.path())}`);
    this.open.add(v);
    if (t === T_ARR) this.list(v, depth);
    else this.object(v, depth);
    this.open.delete(v);
  }

  list(v, depth) {
    const { keys } = this;
    this.out += "[";
    const n = v.length;
    for (let i = 0; i < n; i++) {
      if (i > 0) this.out += ",";
      keys.push(i);
      if (isHole(v, i)) throw hostError("unsupported_value", `an array hole has no JSON form${where(this.path())}`);
      const item = v[i];
      if (item === undefined) throw unsupported(item, this.path());
      this.write(item, depth + 1);
      keys.pop();
    }
    this.out += "]";
  }

  object(v, depth) {
    const { keys } = this;
    this.out += "{";
    let first = true;
    for (const key of Object.keys(v)) {
      if (!wellFormed(key)) throw hostError("invalid_string", `a key${where(this.path())} has a lone surrogate`);
      const item = v[key];
      if (item === undefined) continue; // absent
      if (!first) this.out += ",";
      first = false;
      this.out += quote(key) + ":";
      keys.push(key);
      this.write(item, depth + 1);
      keys.pop();
    }
    this.out += "}";
  }
}

/** An optional value: `undefined` stays absent, `null` is JSON null. */
export function optJson(value, name) {
  return value === undefined ? undefined : toJson(value, name);
}

/** A required string argument. */
export function str(value, name) {
  if (typeof value !== "string") {
    throw hostError("invalid_argument", `${name} must be a string, not ${typeName(value)}`);
  }
  if (!wellFormed(value)) throw hostError("invalid_string", `${name} has a lone surrogate`);
  return value;
}

/** An optional string argument: `undefined` and `null` both mean not given. */
export function optStr(value, name) {
  return value === undefined || value === null ? undefined : str(value, name);
}

/** An integer argument in `[min, max]`. */
export function int(value, name, min, max) {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw hostError("invalid_argument", `${name} must be an integer from ${min} to ${max}, not ${typeName(value)}`);
  }
  return value;
}

/** An optional integer argument. */
export function optInt(value, name, min, max) {
  return value === undefined || value === null ? undefined : int(value, name, min, max);
}

/** An optional finite number. */
export function optNum(value, name) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw hostError("invalid_argument", `${name} must be a finite number, not ${typeName(value)}`);
  }
  return value;
}

/** An optional boolean (absent = false). */
export function bool(value, name) {
  if (value === undefined || value === null) return false;
  if (typeof value !== "boolean") throw hostError("invalid_argument", `${name} must be a boolean, not ${typeName(value)}`);
  return value;
}

/** An options object: `undefined`/`null` = none; anything but a plain object is refused. */
export function options(value, name, fn, known) {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw hostError("invalid_argument", `${name} must be an object, not ${typeName(value)}`);
  }
  if (known !== undefined) {
    // A misspelt or misplaced key must not be ignored in silence (the option
    // it meant would be skipped): the core refuses it, naming the closest
    // known option. Only a key outside `known` pays for the crossing.
    let keys;
    try {
      keys = Object.keys(value);
    } catch (e) {
      const err = hostError("unsupported_value", `reading the keys of ${name} threw ${e?.name ?? typeof e}`);
      err.cause = e;
      throw err;
    }
    for (const k of keys) {
      if (!known.includes(k)) {
        ensureReady();
        invoke(() => raw.checkOptionNames(fn, keys.map((key) => (wellFormed(key) ? key : "\uFFFD")), known));
      }
    }
  }
  return value;
}

/**
 * Headers as JSON text of `[name, value]` pairs. Takes a plain object, a
 * list of pairs, or a `Headers`-like object (anything with `forEach`).
 */
export function headers(value, name) {
  if (value === undefined || value === null) return "[]";
  const pairs = [];
  if (Array.isArray(value)) {
    for (const p of value) {
      if (!Array.isArray(p) || p.length !== 2) throw hostError("invalid_argument", `${name} pairs must be [name, value]`);
      pairs.push([str(p[0], `${name} name`), str(p[1], `${name} value`)]);
    }
  } else if (typeof value === "object" && isPlainObject(value)) {
    for (const k of Object.keys(value)) {
      if (value[k] === undefined) continue;
      pairs.push([str(k, `${name} name`), str(value[k], `${name}[${JSON.stringify(k)}]`)]);
    }
  } else if (typeof value === "object" && typeof value.forEach === "function") {
    value.forEach((v, k) => pairs.push([str(k, `${name} name`), str(v, `${name} value`)]));
  } else {
    throw hostError("invalid_argument", `${name} must be an object of strings, a list of pairs or a Headers, not ${typeName(value)}`);
  }
  return JSON.stringify(pairs);
}

function typeName(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "number" && !Number.isInteger(v)) return Number.isFinite(v) ? "a fraction" : describe(v);
  return typeof v === "object" ? describe(v) : typeof v;
}
