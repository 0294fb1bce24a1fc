/**
 * Apps Script enums. Each member's value is its own name (Apps Script enum values print as their
 * name), so `x === SpreadsheetApp.ProtectionType.SHEET` and String(x) both behave.
 */
export function enumOf(names: string): Record<string, string> {
  return Object.freeze(
    Object.fromEntries(
      names
        .trim()
        .split(/\s+/)
        .map((n) => [n, n]),
    ),
  );
}

export const Enums = {
  DataValidationCriteria: enumOf(`DATE_AFTER DATE_BEFORE DATE_BETWEEN DATE_EQUAL_TO DATE_IS_VALID_DATE DATE_NOT_BETWEEN
    DATE_ON_OR_AFTER DATE_ON_OR_BEFORE NUMBER_BETWEEN NUMBER_EQUAL_TO NUMBER_GREATER_THAN NUMBER_GREATER_THAN_OR_EQUAL_TO
    NUMBER_LESS_THAN NUMBER_LESS_THAN_OR_EQUAL_TO NUMBER_NOT_BETWEEN NUMBER_NOT_EQUAL_TO TEXT_CONTAINS TEXT_DOES_NOT_CONTAIN
    TEXT_EQUAL_TO TEXT_IS_VALID_EMAIL TEXT_IS_VALID_URL VALUE_IN_LIST VALUE_IN_RANGE CUSTOM_FORMULA CHECKBOX`),
  ProtectionType: enumOf('RANGE SHEET'),
  WrapStrategy: enumOf('WRAP OVERFLOW CLIP'),
  Dimension: enumOf('COLUMNS ROWS'),
  SheetType: enumOf('GRID OBJECT DATASOURCE'),
  ValueType: enumOf('IMAGE'),
  ChartType: enumOf(`TIMELINE AREA BAR BUBBLE CANDLESTICK COLUMN COMBO GAUGE GEO HISTOGRAM RADAR LINE ORG PIE SCATTER
    SPARKLINE STEPPED_AREA TABLE TREEMAP WATERFALL`),
  Position: enumOf('TOP RIGHT BOTTOM NONE'),
  ChartMergeStrategy: enumOf('MERGE_COLUMNS MERGE_ROWS'),
  ChartHiddenDimensionStrategy: enumOf('IGNORE_BOTH IGNORE_ROWS IGNORE_COLUMNS SHOW_BOTH'),
  Button: enumOf('CLOSE OK CANCEL YES NO'),
  ButtonSet: enumOf('OK OK_CANCEL YES_NO YES_NO_CANCEL'),
  AuthMode: enumOf('NONE CUSTOM_FUNCTION LIMITED FULL'),
  EventType: enumOf('CLOCK ON_OPEN ON_EDIT ON_FORM_SUBMIT ON_CHANGE ON_EVENT_UPDATED'),
  TriggerSource: enumOf('SPREADSHEETS CLOCK FORMS DOCUMENTS CALENDAR'),
  WeekDay: enumOf('SUNDAY MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY'),
  Charset: enumOf('US_ASCII UTF_8'),
  DigestAlgorithm: enumOf('MD2 MD5 SHA_1 SHA_256 SHA_384 SHA_512'),
  SandboxMode: enumOf('EMULATED IFRAME NATIVE'),
  XFrameOptionsMode: enumOf('ALLOWALL DEFAULT'),
} as const;
