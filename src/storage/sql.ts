/**
 * A tiny tagged-template SQL builder shared by both backends.
 *
 * Values are always sent as bind parameters ($1, $2, ...); fragments nest, so optional filters
 * compose without ever concatenating values into SQL text. PGlite and postgres.js each have a tag of
 * their own, but they differ in how fragments compose; this one compiles to `(text, values)`, which
 * both run unchanged.
 */
export class SqlFragment {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

/** Builds a parameterised SQL fragment; interpolated SqlFragments are inlined, everything else is bound. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  return new SqlFragment(strings, values);
}

/** An empty fragment, for optional clauses. */
export const empty = new SqlFragment([''], []);

/** Joins fragments with a separator fragment (e.g. `sql` AND `` between filter conditions). */
export function join(parts: readonly SqlFragment[], separator: SqlFragment): SqlFragment {
  if (parts.length === 0) return empty;
  const strings: string[] = [''];
  const values: unknown[] = [];
  parts.forEach((part, i) => {
    if (i > 0) {
      strings.push('');
      values.push(separator);
    }
    values.push(part);
    strings.push('');
  });
  return new SqlFragment(strings, values);
}

/** A compiled statement: SQL text with $n placeholders and its bind values. */
export interface CompiledQuery {
  text: string;
  values: unknown[];
}

/** Flattens nested fragments into one statement with numbered placeholders. */
export function compile(fragment: SqlFragment): CompiledQuery {
  const values: unknown[] = [];
  const walk = (f: SqlFragment): string => {
    let text = f.strings[0] ?? '';
    f.values.forEach((v, i) => {
      if (v instanceof SqlFragment) text += walk(v);
      else {
        values.push(v);
        text += `$${values.length}`;
      }
      text += f.strings[i + 1] ?? '';
    });
    return text;
  };
  return { text: walk(fragment), values };
}
