// The constructive-wording check for feedback (issue #5 point 7). Pure: no Node or DOM APIs, so the
// server (which decides) and the web (which shows the flags beside the fields) run the same code.
//
// What it looks for, and the trade-offs:
// - Absolutes ("always", "never", "every time", "nobody", "everyone", ...) are flagged only in a
//   clause that speaks to or about the receiver ("you", "your", ...). "I never felt judged" or
//   "Every time I got stuck, you asked a question" (the absolute sits in the clause about me) pass.
//   The check does no sentiment analysis, so an absolute in praise about the receiver ("you always
//   ask great questions") is flagged too: one named moment helps more than "always", and the author
//   can send it anyway. A clause is cut at . ! ? ; : , and "but", so an absolute and a "you" that
//   belong to different clauses of one long sentence without commas can still be paired (a false
//   positive the author can dismiss; a missed flag would be worse).
// - Judgements of the person: "you are/you're/you seem ... <trait>" from a list of trait words,
//   "you're a bad/poor ... listener", "your attitude/personality/character", "what's wrong with you",
//   and habit claims such as "you never listen" (you + absolute + verb). A negated trait ("you are
//   not lazy") is not flagged, and positive labels ("you're a great listener") are left alone: they
//   are not a judgement to defend against, though a named behaviour would say more.
// - Vague praise or criticism ("good job", "great", "fine", "not good", "nice", ...) is flagged
//   only when its sentence says little else: fewer than three words of substance once the vague
//   words and filler ("it", "was", "really", "the session", ...) are set aside. "Great question
//   about the hiring budget when I was stuck" passes; "Great session, really nice." does not.
// - Insults and swear words, wherever they stand ("stupid", "dumb", "you suck", profanity): the
//   maintained English list of `obscenity` (from the `cuss` project) plus Tandem's own insults below,
//   matched on word boundaries through the usual disguises: leetspeak ("st00pid", "sh1t"), look-alike
//   letters, stretched letters ("stuuupid"), a masked letter ("st*pid", "f*ck") and spaced-out letters
//   ("s t u p i d", "d.u.m.b"). A masked or spaced word is only flagged when it spells a listed word.
// The check is loaded by the web only when a person checks their wording (it carries the word list).
// Leetspeak digits inside a word ("n3ver", "l4zy") are read as letters for every rule; the
// replacement keeps the text's length, so positions stay true to the original.

import { DataSet, englishDataset, englishRecommendedTransformers, parseRawPattern, RegExpMatcher } from 'obscenity'
import {
  FEEDBACK_TEXT_FIELDS,
  type FeedbackTextField,
  type FeedbackTexts,
  type WordingFlag,
  type WordingFlagKind,
} from './feedback-wording-types.ts'

export * from './feedback-wording-types.ts'

const ABSOLUTES = [
  'always',
  'never',
  'every single time',
  'every time',
  'each time',
  'all the time',
  'constantly',
  'continually',
  'not once',
  'nobody',
  'no one',
  'no-one',
  'everyone',
  'everybody',
]

// Pronoun absolutes are flagged as the subject of their clause ("Nobody follows your slides"), not
// as an object ("you made sure everyone had a turn").
const PRONOUN_ABSOLUTES = new Set(['nobody', 'no one', 'no-one', 'everyone', 'everybody'])
const SUBJECT_LEAD = /(?:^|\b(?:and|that|because|since|as|so|when|if|honestly|frankly)\s+)$/i

const SECOND_PERSON = /\b(you|your|you're|youre|yours|yourself|you've|you'd|you'll)\b/i

const TRAITS = [
  'lazy',
  'rude',
  'arrogant',
  'incompetent',
  'selfish',
  'careless',
  'defensive',
  'aggressive',
  'useless',
  'stupid',
  'dumb',
  'annoying',
  'bossy',
  'pushy',
  'condescending',
  'patronizing',
  'patronising',
  'disrespectful',
  'unprofessional',
  'unreliable',
  'disorganized',
  'disorganised',
  'hopeless',
  'clueless',
  'sloppy',
  'controlling',
  'stubborn',
  'boring',
  'abrasive',
  'dismissive',
  'judgmental',
  'judgemental',
  'insensitive',
  'closed-minded',
  'close-minded',
  'narrow-minded',
  'irritating',
  'immature',
  'unhelpful',
  'negative',
  'a know-it-all',
  'a control freak',
  'a pain',
  'a mess',
  'an idiot',
  'a jerk',
]

const ROLE_NOUNS =
  'listener|coach|communicator|speaker|leader|manager|person|colleague|partner|teammate|team player|mentor|mentee|peer|presenter|facilitator'

const INTENSIFIERS =
  '(?:(?:so|very|really|quite|too|a bit|a little|kind of|kinda|pretty|rather|extremely|being|just|such)\\s+)*'
const COPULA =
  "(?:you\\s+are|you're|youre|you\\s+were|you\\s+seem(?:ed)?|you\\s+sound(?:ed)?|you\\s+come\\s+across\\s+as|you\\s+came\\s+across\\s+as|you\\s+act(?:ed)?|you\\s+look(?:ed)?)"

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const traitPattern = new RegExp(`\\b${COPULA}\\s+${INTENSIFIERS}(?:${TRAITS.map(escapeRegExp).join('|')})\\b`, 'gi')
const roleLabelPattern = new RegExp(
  `\\b${COPULA}\\s+(?:not\\s+(?:a|an)\\s+${INTENSIFIERS}(?:good|great)|(?:a|an|such\\s+a)\\s+${INTENSIFIERS}(?:bad|poor|terrible|awful|horrible|lousy|weak|useless|hopeless))\\s+(?:${ROLE_NOUNS})\\b`,
  'gi',
)
const personPhrasePattern =
  /\b(?:your\s+(?:attitude|personality|character|ego|mentality)|what'?s\s+wrong\s+with\s+you|the\s+problem\s+with\s+you|typical\s+of\s+you|you\s+don'?t\s+care|you\s+do\s+not\s+care|you\s+couldn'?t\s+care\s+less)\b/gi
// Habit claims: "you never <verb>" (except "never once", "never fail to", praise in disguise) and
// "you always <one of the usual complaints>"; "you always ask great questions" is left to the absolute rule.
const habitPattern =
  /\byou\s+(?:never\s+(?!once\b|fails?\b|failed\b)[a-z'-]+|(?:always|constantly|continually)\s+(?:interrupt|talk|complain|ignore|forget|argue|critici[sz]e|dismiss|rush|cut|jump|take\s+over|dominate|push|judge|avoid|change\s+the\s+subject|make\s+it\s+about|turn\s+it|show\s+up\s+late|arrive\s+late|come\s+late|are\s+late|run\s+late|look\s+at\s+your\s+phone|check\s+your\s+phone)[a-z]*)/gi
const absolutePattern = new RegExp(`\\b(?:${ABSOLUTES.map(escapeRegExp).join('|')})\\b`, 'gi')

// Tandem's own insults, flagged wherever they stand (the profanity comes from `obscenity`'s list).
// A trailing "*" lets the word go on ("idiot*" also finds "idiots" and "idiotic"); without it the
// word must end there ("dumb" is not "dumbbell").
const INSULTS = [
  'stupid',
  'stupidest',
  'stoopid',
  'dumb',
  'dumber',
  'dumbest',
  'dumbass',
  'idiot*',
  'moron*',
  'imbecil*',
  'cretin*',
  'halfwit*',
  'dimwit*',
  'nitwit*',
  'dunce',
  'brainless',
  'pathetic',
  'worthless',
  'loser',
  'losers',
  'you suck',
  'you sucked',
  'shut up',
  'screw you',
  'get lost',
  'grow up',
  'get a life',
  'waste of space',
  'waste of oxygen',
]

const insultWords = INSULTS.map((word) => word.replace(/\*$/, ''))

// Built on first use: the word list is compiled into one matcher once per process.
let hurtfulMatcher: RegExpMatcher | undefined
function hurtful(): RegExpMatcher {
  if (hurtfulMatcher) return hurtfulMatcher
  const insults = new DataSet<{ originalWord: string }>()
  for (const word of INSULTS) {
    const body = word.replace(/\*$/, '')
    const shape = `|${body}${word.endsWith('*') ? '' : '|'}`
    insults.addPhrase((phrase) => phrase.setMetadata({ originalWord: body }).addPattern(parseRawPattern(shape)))
  }
  hurtfulMatcher = new RegExpMatcher({
    ...new DataSet<{ originalWord: string }>().addAll(englishDataset).addAll(insults).build(),
    ...englishRecommendedTransformers,
  })
  return hurtfulMatcher
}

const WORD_CHAR = /[a-z0-9@$*]/i
// One hidden letter ("st*pid", "id#ot"): a word of letters with mask characters inside.
const maskedWordPattern = /\b[a-z]+(?:[*#_%]+[a-z]*)+/gi
// Letters spelled out one by one ("s t u p i d", "d.u.m.b", "s-h-i-t").
const spacedLettersPattern = /\b[a-z0-9@$](?:[ .\-_*]{1,2}[a-z0-9@$]\b){2,}/gi

function hurtfulSpans(text: string): Span[] {
  // A find is widened to its whole word: "idiotic", not "idiot"; "fucking", not "fuck".
  const spans: Span[] = hurtful()
    .getAllMatches(text, true)
    .map((m) => {
      let start = m.startIndex
      let end = m.endIndex + 1
      while (start > 0 && WORD_CHAR.test(text[start - 1])) start--
      while (end < text.length && WORD_CHAR.test(text[end])) end++
      return { start, end }
    })
  for (const m of text.matchAll(maskedWordPattern)) {
    const shape = new RegExp(`^${m[0].replace(/[*#_%]/g, '[a-z]')}$`, 'i')
    if (insultWords.some((word) => shape.test(word))) spans.push({ start: m.index, end: m.index + m[0].length })
  }
  for (const m of text.matchAll(spacedLettersPattern)) {
    const joined = m[0].replace(/[ .\-_*]/g, '')
    if (hurtful().hasMatch(joined)) spans.push({ start: m.index, end: m.index + m[0].length })
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end)
  // Overlapping finds ("sh1t" found twice, a masked word also found by the list) become one.
  return spans.filter((span, i) => !spans.slice(0, i).some((s) => span.start < s.end && s.start < span.end))
}

const VAGUE_PHRASES = [
  'good job',
  'great job',
  'nice job',
  'good work',
  'great work',
  'nice work',
  'well done',
  'not good',
  'not great',
  'not bad',
  'could be better',
  'needs improvement',
  'needs work',
  'all good',
  'good',
  'great',
  'fine',
  'bad',
  'nice',
  'ok',
  'okay',
  'awesome',
  'amazing',
  'perfect',
  'excellent',
  'terrible',
  'awful',
  'poor',
  'meh',
]
const vaguePattern = new RegExp(`\\b(?:${VAGUE_PHRASES.map(escapeRegExp).join('|')})\\b`, 'gi')

// Words that carry no specifics: what is left once they and the vague words are set aside is the substance.
const FILLER = new Set(
  `a an the it it's its this that these those was is were be been being are am i me my we our us you your
  you're did do does done really very so quite pretty just overall all in general generally too much more
  and or but of to for with as at on session sessions today job work time thing things stuff everything
  lot lots bit think thought felt feel feels seemed seems i'm i've definitely totally absolutely kind sort
  again also still then there here what how which who some any keep up`
    .split(/\s+/)
    .filter(Boolean),
)
const MIN_SPECIFIC_WORDS = 3

function suggestionFor(kind: WordingFlagKind, match: string): string {
  switch (kind) {
    case 'absolute':
      return `"${match}" turns one moment into a rule, which invites "that's not true" instead of reflection. Name a moment instead: when it happened and what you saw.`
    case 'person_judgement':
      return `"${match}" judges the person rather than what they did. Describe the behaviour you saw and its effect on you, for example "When I was explaining the budget, you checked your phone twice; I felt unheard."`
    case 'vague':
      return `"${match}" on its own does not tell your partner what to keep or change. Add what they did, when, and what it changed for you.`
    case 'offensive':
      return `"${match}" is an insult or a swear word: it hurts, and your partner will defend against it instead of hearing your point. Say what happened and how it affected you, for example "When you changed the topic, I lost my thread."`
  }
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' }

// Curly apostrophes become straight ones and leetspeak digits inside a word become letters ("n3ver"):
// one character for one, so positions stay true to the original.
const normalize = (text: string) =>
  text
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/(?<=[a-z][0-9@$]*)[013457@$]|[013457@$](?=[0-9@$]*[a-z])/gi, (c) => LEET[c] ?? c)

interface Span {
  start: number
  end: number
}

function clauses(text: string): Span[] {
  const spans: Span[] = []
  const cut = /[.!?;:,\n]+|\s+but\s+/gi
  let from = 0
  for (const m of text.matchAll(cut)) {
    spans.push({ start: from, end: m.index })
    from = m.index + m[0].length
  }
  spans.push({ start: from, end: text.length })
  return spans.filter((s) => s.end > s.start)
}

function sentences(text: string): Span[] {
  const spans: Span[] = []
  const cut = /[.!?;\n]+/g
  let from = 0
  for (const m of text.matchAll(cut)) {
    spans.push({ start: from, end: m.index })
    from = m.index + m[0].length
  }
  spans.push({ start: from, end: text.length })
  return spans.filter((s) => s.end > s.start)
}

function isSpecific(sentence: string): boolean {
  const rest = sentence.replace(vaguePattern, ' ').toLowerCase()
  const words = rest.match(/[a-z0-9][a-z0-9'-]*/g) ?? []
  return words.filter((w) => !FILLER.has(w)).length >= MIN_SPECIFIC_WORDS
}

function checkField(field: FeedbackTextField, original: string): WordingFlag[] {
  const text = normalize(original)
  const flags: WordingFlag[] = []
  const add = (kind: WordingFlagKind, start: number, length: number) => {
    const match = original.slice(start, start + length)
    flags.push({ field, kind, match, start, suggestion: suggestionFor(kind, match) })
  }

  for (const clause of clauses(text)) {
    const part = text.slice(clause.start, clause.end)
    if (!SECOND_PERSON.test(part)) continue
    for (const m of part.matchAll(absolutePattern)) {
      const lead = `${part.slice(0, m.index).trim()} `
      if (PRONOUN_ABSOLUTES.has(m[0].toLowerCase()) && !SUBJECT_LEAD.test(lead.trimStart())) continue
      add('absolute', clause.start + m.index, m[0].length)
    }
  }

  const judged: Span[] = []
  for (const pattern of [traitPattern, roleLabelPattern, personPhrasePattern, habitPattern]) {
    for (const m of text.matchAll(pattern)) {
      const span = { start: m.index, end: m.index + m[0].length }
      if (judged.some((j) => span.start < j.end && j.start < span.end)) continue
      judged.push(span)
      add('person_judgement', span.start, m[0].length)
    }
  }

  // An insult inside a judgement already flagged ("you are stupid") is said once, as the judgement.
  for (const span of hurtfulSpans(original)) {
    if (judged.some((j) => span.start < j.end && j.start < span.end)) continue
    add('offensive', span.start, span.end - span.start)
  }

  for (const sentence of sentences(text)) {
    const part = text.slice(sentence.start, sentence.end)
    if (isSpecific(part)) continue
    for (const m of part.matchAll(vaguePattern)) add('vague', sentence.start + m.index, m[0].length)
  }

  return flags.sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind))
}

/**
 * Flags wording that is not constructive (absolutes about the receiver, judgements of the person,
 * vague praise or criticism) with a suggestion for each; the author decides whether to rephrase.
 */
export function checkFeedbackWording(texts: FeedbackTexts): WordingFlag[] {
  return FEEDBACK_TEXT_FIELDS.flatMap((field) => checkField(field, texts[field] ?? ''))
}
