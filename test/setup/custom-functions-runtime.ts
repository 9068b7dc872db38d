/**
 * Test double of the Office custom-functions runtime's globals (CustomFunctions.Error, ErrorCode,
 * associate), with the shape the real runtime has: an Error carries `code` (the Excel error text) and an
 * optional `message`. Only the tests load this; the add-in gets the real runtime from Excel.
 */
enum ErrorCode {
  invalidValue = '#VALUE!',
  notAvailable = '#N/A',
  divisionByZero = '#DIV/0!',
  invalidNumber = '#NUM!',
  nullReference = '#NULL!',
  invalidName = '#NAME?',
  invalidReference = '#REF!',
}

class CustomFunctionsError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message);
    if (message === undefined) this.message = undefined as unknown as string;
  }
}

const associated = new Map<string, unknown>();

(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: CustomFunctionsError,
  ErrorCode,
  associate(id: string | Record<string, unknown>, fn?: unknown): void {
    if (typeof id === 'string') associated.set(id, fn);
    else for (const [k, v] of Object.entries(id)) associated.set(k, v);
  },
  __associated: associated,
};
