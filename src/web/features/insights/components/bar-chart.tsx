import { Bar } from '#web/components/ui/bar.tsx'

export interface ChartBar {
  key: string
  label: string
  value: number | null
  /** What a screen reader and everyone else reads: "12 of 16", "4.0 of 5". */
  valueLabel: string
}

/**
 * Horizontal bars drawn with CSS. The labels and values are text in a description list, so the
 * chart reads as its own table; the bars themselves are hidden from screen readers.
 */
export function BarChart({ caption, bars, max }: { caption: string; bars: ChartBar[]; max: number }) {
  return (
    <figure style={{ margin: 0 }}>
      <figcaption className="subheading" style={{ marginBottom: 8, fontSize: '0.875rem' }}>
        {caption}
      </figcaption>
      <dl className="bar-list">
        {bars.map((bar) => (
          <div key={bar.key}>
            <dt>{bar.label}</dt>
            <dd style={{ gridTemplateColumns: '1fr minmax(72px, auto)' }}>
              <Bar value={bar.value} max={max} />
              <span>{bar.valueLabel}</span>
            </dd>
          </div>
        ))}
      </dl>
    </figure>
  )
}
