// Every CSV Tandem writes goes to spreadsheets: a cell starting like a formula (=, +, -, @, a tab or
// a carriage return) is written with a leading apostrophe, so the spreadsheet shows it as text and
// runs nothing (CSV injection). The people import undoes the escape on the way back in.

export const FORMULA_START = /^[=+\-@\t\r]/

/** The cell as a spreadsheet may safely open it. */
export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

/** A cell read back from a CSV Tandem wrote: spaces around it dropped and the formula escape undone. */
export function fromSpreadsheetCell(value: string): string {
  const trimmed = value.trim()
  return trimmed.startsWith("'") && FORMULA_START.test(trimmed.slice(1)) ? trimmed.slice(1) : trimmed
}
