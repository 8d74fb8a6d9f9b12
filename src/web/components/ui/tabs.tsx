import { type KeyboardEvent, type ReactNode, useRef } from 'react'

export interface TabItem<T extends string> {
  id: T
  label: ReactNode
}

/**
 * Tabs in the ARIA tablist pattern: one tab in the Tab order, arrows (and Home/End) move between
 * tabs and select them; the panel is labelled by its tab.
 */
export function Tabs<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
  idPrefix,
  children,
}: {
  label: string
  tabs: TabItem<T>[]
  selected: T
  onSelect: (id: T) => void
  idPrefix: string
  children: ReactNode
}) {
  const listRef = useRef<HTMLDivElement>(null)

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((tab) => tab.id === selected)
    let next = -1
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = tabs.length - 1
    const tab = tabs[next]
    if (!tab) return
    event.preventDefault()
    onSelect(tab.id)
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`#${idPrefix}-tab-${tab.id}`)?.focus())
  }

  return (
    <>
      <div ref={listRef} className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            className="tab"
            aria-selected={tab.id === selected}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        id={`${idPrefix}-panel`}
        role="tabpanel"
        aria-labelledby={`${idPrefix}-tab-${selected}`}
        className="tab-panel"
      >
        {children}
      </div>
    </>
  )
}
