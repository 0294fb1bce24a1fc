/** Minimal typing for gas-local (it ships no declarations). */
declare module 'gas-local' {
  export function require(
    folderPath: string,
    globalObject?: object,
    options?: { filter?: (file: string) => boolean },
  ): Record<string, unknown>;
}
