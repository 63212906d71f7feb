import fc from "fast-check";

// Keys that have broken JavaScript servers before: prototype pollution and lookalikes of real arguments.
const DANGEROUS_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "then",
  "id",
  "name",
  "",
];

/** Literal JSON tokens, including ones JSON.parse accepts but JavaScript treats oddly (1e999, -0). */
const leafText = fc.oneof(
  fc.jsonValue({ maxDepth: 0 }).map((value) => JSON.stringify(value) ?? "null"),
  fc.string({ unit: "binary", maxLength: 40 }).map((value) => JSON.stringify(value)),
  fc.constantFrom(
    "1e999",
    "-1e999",
    "-0",
    "1e-400",
    "9007199254740993",
    "0.1",
    "true",
    "null",
    '""',
    '"\\u0000"',
    '"\\ud800"',
  ),
  fc.integer({ min: 1_000, max: 200_000 }).map((length) => JSON.stringify("x".repeat(length))),
);

const keyText = fc.oneof(fc.constantFrom(...DANGEROUS_KEYS), fc.string({ maxLength: 12 }));

/** JSON texts (always parseable) with dangerous keys, odd numbers, huge strings and some depth. */
export const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; array: string; object: string }>(
  (tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leafText, tie("array"), tie("object")),
    array: fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`),
    object: fc
      .array(fc.tuple(keyText, tie("value")), { maxLength: 5 })
      .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`),
  }),
).value;

/** A JSON object text: the given valid entries with some replaced or joined by hostile ones. */
export function mutatedObjectText(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const validEntries = Object.entries(valid).map(
    ([key, value]) => [key, JSON.stringify(value)] as [string, string],
  );
  const hostile = fc.array(
    fc.tuple(fc.oneof(keyText, fc.constantFrom(...Object.keys(valid), "confirmation_token")), jsonText),
    {
      maxLength: 3,
    },
  );
  return fc
    .tuple(fc.subarray(validEntries), hostile)
    .map(
      ([kept, extra]) =>
        `{${[...kept, ...extra].map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`,
    );
}

/** Deeply nested arrays or objects, as text (JSON.parse may or may not accept the depth). */
export const deepText = fc
  .tuple(fc.integer({ min: 100, max: 120_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`,
  );

/** Bytes that are not valid UTF-8: lone continuation bytes, overlong forms, encoded surrogates, 0xFF. */
export const invalidUtf8 = fc
  .array(
    fc.constantFrom(
      [0xff],
      [0xfe],
      [0x80],
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xc3],
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => Buffer.from(parts.flat()));
