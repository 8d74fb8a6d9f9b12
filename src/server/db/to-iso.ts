/**
 * A timestamp column as the API writes it (ISO 8601, UTC). One function for every `toX(row)`, so a
 * nullable column stays nullable in the type: `toIso(row.created_at)` is a string, `toIso(row.read_at)`
 * a string or null.
 */
export function toIso(value: Date): string
export function toIso(value: Date | null | undefined): string | null
export function toIso(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null
}
