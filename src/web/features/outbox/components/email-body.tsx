import type { ReactNode } from 'react'

const urlPattern = /https?:\/\/[^\s<>"')\]]+/g

/** The plain-text body with its web links made clickable; nothing else is interpreted. */
export function EmailBody({ text }: { text: string }) {
  const parts: ReactNode[] = []
  let last = 0
  for (const match of text.matchAll(urlPattern)) {
    const start = match.index ?? 0
    const url = match[0].replace(/[.,;:!?]+$/, '')
    if (start > last) parts.push(text.slice(last, start))
    parts.push(
      <a key={start} href={url}>
        {url}
      </a>,
    )
    last = start + url.length
  }
  if (last < text.length) parts.push(text.slice(last))
  return <div className="email-body">{parts}</div>
}
