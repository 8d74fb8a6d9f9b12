import { strToU8, zipSync } from 'fflate'
import {
  EXPORT_HTML_FILE,
  EXPORT_JSON_FILE,
  type PersonalDataExport,
  type PersonalDataSection,
} from '#contracts/data-rights.ts'

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

const SECTION_TITLES: Record<PersonalDataSection, string> = {
  profile: 'Profile',
  enrollments: 'Program enrollments',
  matches: 'Matches',
  goals: 'Goals you own',
  goalUpdates: 'Your goal updates',
  sessions: 'Coaching sessions',
  notes: 'Shared notes you wrote',
  reflections: 'Your private reflections',
  checkIns: 'Your check-ins',
  actionItems: 'Your action items',
  feedbackGiven: 'Feedback you gave',
  feedbackReceived: 'Feedback you received',
  surveys: 'Your survey answers',
  supportRequests: 'Your support requests',
  repairRequests: 'Your re-pair requests',
  notifications: 'Notifications',
  auditEvents: 'Audit events about you',
  signIns: 'Sign-ins',
  emailPreferences: 'Email preferences',
}

function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'string') return escapeHtml(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    return escapeHtml(value.join(', '))
  }
  return `<code>${escapeHtml(JSON.stringify(value))}</code>`
}

function record(row: Record<string, unknown>): string {
  const items = Object.entries(row)
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${cell(value)}</dd>`)
    .join('')
  return `<dl>${items}</dl>`
}

/** A readable page of the same data: every value escaped, no script, no outside resource. */
export function renderExportHtml(data: PersonalDataExport): string {
  const withheld = new Set<string>(data.withheld?.sections ?? [])
  const sections = (Object.keys(SECTION_TITLES) as PersonalDataSection[]).map((key) => {
    const value = data[key]
    const title = escapeHtml(SECTION_TITLES[key])
    if (withheld.has(key)) return `<section><h2>${title}</h2><p>Withheld from this copy.</p></section>`
    if (value === null) return `<section><h2>${title}</h2><p>None.</p></section>`
    if (!Array.isArray(value)) return `<section><h2>${title}</h2>${record(value)}</section>`
    if (value.length === 0) return `<section><h2>${title}</h2><p>None.</p></section>`
    return `<section><h2>${title} (${value.length})</h2><ol>${value.map((row) => `<li>${record(row)}</li>`).join('')}</ol></section>`
  })
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Your data in Tandem</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}li{margin-bottom:1rem}</style>
</head>
<body>
<main>
<h1>Your data in Tandem</h1>
<p>Everything ${escapeHtml(data.organization.name)} holds about you in Tandem, exported ${escapeHtml(data.exportedAt)}. The same data, machine-readable, is in ${escapeHtml(EXPORT_JSON_FILE)}.</p>
${data.withheld ? `<p><strong>${escapeHtml(data.withheld.reason)}</strong></p>` : ''}
${sections.join('\n')}
</main>
</body>
</html>
`
}

/** The archive: the JSON file and the HTML page. */
export function zipExport(data: PersonalDataExport): Uint8Array {
  return zipSync(
    {
      [EXPORT_JSON_FILE]: strToU8(JSON.stringify(data, null, 2)),
      [EXPORT_HTML_FILE]: strToU8(renderExportHtml(data)),
    },
    { level: 6, mtime: new Date(data.exportedAt) },
  )
}

/**
 * Keeps the numbers and yes/no answers of a JSON answer set (what figures count) and drops every
 * string (what a person wrote or chose): used when erasing a person.
 */
export function keepNumbersOnly(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return value
  if (Array.isArray(value)) return value.map(keepNumbersOnly).filter((v) => v !== undefined)
  if (value && typeof value === 'object') {
    const kept: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      const next = keepNumbersOnly(inner)
      if (next !== undefined) kept[key] = next
    }
    return kept
  }
  return undefined
}
