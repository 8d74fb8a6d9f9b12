import type { CSSProperties } from 'react'

/** The width of a bar, 0-100, from a value and the largest value of its chart. */
export function barWidth(value: number | null, max: number): number {
  if (value === null || max <= 0) return 0
  return Math.max(0, Math.min(100, (value / max) * 100))
}

/** A decorative bar filled to value/max: the figure it draws must be written beside it as text. */
export function Bar({ value, max, style }: { value: number | null; max: number; style?: CSSProperties }) {
  return (
    <span className="bar" aria-hidden="true" style={style}>
      <span className="bar-fill" style={{ width: `${barWidth(value, max)}%` }} />
    </span>
  )
}
