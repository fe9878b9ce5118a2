import type { FieldError } from '../errors.js';

/** A parsed form body (`parseBody({ all: true })`): repeated names give arrays. */
export type Form = Record<string, string | File | (string | File)[]>;

/** One text value of a form field, trimmed; '' when absent. Files are ignored: no form uploads. */
export function text(form: Form, name: string): string {
  const v = form[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? clean(first) : '';
}

// PostgreSQL cannot store U+0000; a browser never sends it on purpose, so it is dropped.
const clean = (v: string) => v.replaceAll('\u0000', '').trim();

/** Every non-empty text value of a repeated field (checkboxes, multi-selects). */
export function texts(form: Form, name: string): string[] {
  const v = form[name];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.filter((x): x is string => typeof x === 'string' && clean(x) !== '').map(clean);
}

/** A text value or undefined when empty, for optional fields of a schema. */
export function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

/** Splits a comma (or space) separated list: "nn, en" → ["nn", "en"]. */
export function list(value: string): string[] {
  return value
    .split(/[,;\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Field errors by top-level field (`languages.1` → `languages`), first message wins. */
export function errorsByField(errors: FieldError[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    const key = e.field.split('.')[0] || '(body)';
    out[key] ??= e.message;
  }
  return out;
}

/** Query string values of a repeated parameter, non-empty only. */
export function queryList(values: string[] | undefined): string[] {
  return (values ?? []).map((v) => v.trim()).filter(Boolean);
}
