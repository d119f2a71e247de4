/** A problem with one repository file found before any code runs: a syntax error, a forbidden or
 * unresolvable import. The message already names the file, so it can be shown as is. */
export class ModuleError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'ModuleError';
  }
}
