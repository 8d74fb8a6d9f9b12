import { describe, expect, test } from 'vitest'
import { checkFeedbackWording, type WordingFlagKind } from './feedback-wording.ts'

const kindsOf = (text: string) => checkFeedbackWording({ tryNext: text }).map((f) => f.kind)
const matchesOf = (text: string, kind: WordingFlagKind) =>
  checkFeedbackWording({ tryNext: text })
    .filter((f) => f.kind === kind)
    .map((f) => f.match)

describe('the cases the issue names', () => {
  test('"you never listen" is flagged as an absolute and as a judgement of the person', () => {
    const flags = checkFeedbackWording({ tryNext: 'you never listen' })
    expect(flags.map((f) => [f.kind, f.match]).sort()).toEqual([
      ['absolute', 'never'],
      ['person_judgement', 'you never listen'],
    ])
    for (const flag of flags) {
      expect(flag.field).toBe('tryNext')
      expect(flag.suggestion.length).toBeGreaterThan(40)
    }
  })

  test('a well-phrased situation-behaviour-impact passes', () => {
    const text =
      "In Tuesday's role play, when I described the customer's complaint, you interrupted twice before I finished; I lost my train of thought."
    expect(
      checkFeedbackWording({ whatWorked: text, tryNext: text, situation: text, behaviour: text, impact: text }),
    ).toEqual([])
  })

  test('a whole well-written feedback passes', () => {
    expect(
      checkFeedbackWording({
        whatWorked:
          'When I was stuck on the hiring plan, you asked what would happen if the budget doubled; that opened two options I had not seen.',
        tryNext: 'Let me finish my sentence before you offer an idea, so I can hear my own thinking first.',
        situation: "Thursday's session, while we role-played the customer call",
        behaviour: 'You suggested an answer while I was still describing the complaint',
        impact: 'I dropped my own idea and followed yours',
      }),
    ).toEqual([])
  })
})

describe('absolutes', () => {
  test.each([
    ['You always interrupt me', 'always'],
    ['You never ask follow-up questions', 'never'],
    ['Every time I talk you look at your phone', 'Every time'],
    ['you are constantly late', 'constantly'],
    ['Nobody can follow your slides', 'Nobody'],
    ['Everyone thinks your plans are unrealistic', 'Everyone'],
    ['I feel that no one gets a word in when you speak', 'no one'],
    ['You did not once ask how I was', 'not once'],
    ['All the time you steer back to your own topic', 'All the time'],
    ['Each time you answer for me', 'Each time'],
    ['You ALWAYS take over', 'ALWAYS'],
  ])('flags %j', (text, word) => {
    expect(matchesOf(text, 'absolute')).toContain(word)
  })

  test.each([
    'I never felt judged',
    'I always leave our sessions with a next step',
    'Every time I got stuck, you asked a question that opened it up',
    'It was never boring',
    'You made sure everyone had a turn to speak',
    'You let everybody in the circle finish',
    'Nobody had prepared the agenda, so we improvised; next time I will send it the day before',
    'We always start late because my previous meeting overruns',
  ])('leaves %j alone', (text) => {
    expect(matchesOf(text, 'absolute')).toEqual([])
  })

  test('positions point at the words as written (curly apostrophes included)', () => {
    const text = 'In the demo you’re always the one who answers'
    const [flag] = checkFeedbackWording({ impact: text }).filter((f) => f.kind === 'absolute')
    expect(flag).toMatchObject({ field: 'impact', match: 'always' })
    expect(text.slice(flag.start, flag.start + flag.match.length)).toBe('always')
  })
})

describe('judgements of the person', () => {
  test.each([
    ['You are lazy', 'You are lazy'],
    ["you're rude", "you're rude"],
    ['You were so arrogant in that meeting', 'You were so arrogant'],
    ['Honestly you are incompetent at this', 'you are incompetent'],
    ["You're a bad listener", "You're a bad listener"],
    ['you are a really poor communicator', 'you are a really poor communicator'],
    ["You're not a good coach", "You're not a good coach"],
    ['Your attitude needs to change', 'Your attitude'],
    ['I dislike your personality in these sessions', 'your personality'],
    ['You seemed defensive', 'You seemed defensive'],
    ['You were being condescending', 'You were being condescending'],
    ['You come across as dismissive', 'You come across as dismissive'],
    ["What's wrong with you?", "What's wrong with you"],
    ["You don't care about my goals", "You don't care"],
    ['You’re so bossy', 'You’re so bossy'],
    ['You always interrupt', 'You always interrupt'],
    ['you never listen to me', 'you never listen'],
  ])('flags %j', (text, words) => {
    expect(matchesOf(text, 'person_judgement')).toEqual([words])
  })

  test.each([
    'You are not lazy, you were tired after the launch',
    'You interrupted twice while I described the complaint',
    'You checked your phone during my story; I felt unheard',
    "You're a great listener when I'm stuck",
    'You never once interrupted me',
    'You never fail to ask what I need',
    'You always ask what I want to get out of the session',
    'The rude customer in the role play felt real',
    'My attitude to risk came up',
  ])('leaves %j alone', (text) => {
    expect(matchesOf(text, 'person_judgement')).toEqual([])
  })
})

describe('vague praise or criticism', () => {
  test.each([
    ['Good job!', ['Good job']],
    ['great', ['great']],
    ['Fine.', ['Fine']],
    ['Not good', ['Not good']],
    ['Nice', ['Nice']],
    ['It was bad', ['bad']],
    ['Great session, really nice.', ['Great', 'nice']],
    ['Well done, keep it up', ['Well done']],
    ['Everything was great', ['great']],
    ['Could be better', ['Could be better']],
    ['OK', ['OK']],
  ])('flags %j', (text, words) => {
    expect(matchesOf(text, 'vague')).toEqual(words)
  })

  test.each([
    'Great question about the hiring budget when I was stuck',
    'It was good to hear your view on the reorganization timeline',
    'The silence after my answer felt fine because it gave me time to think about the customer',
    'Nice use of the what-if scenario for the product launch',
    'In the role play you slowed down and summarized my point; that helped me hear it',
  ])('leaves %j alone', (text) => {
    expect(matchesOf(text, 'vague')).toEqual([])
  })

  test('each sentence is judged on its own', () => {
    const text = 'Great. You summarized the three options I listed before asking which one scared me.'
    expect(checkFeedbackWording({ whatWorked: text }).map((f) => [f.kind, f.match, f.start])).toEqual([
      ['vague', 'Great', 0],
    ])
  })
})

describe('insults and swear words, through their disguises', () => {
  test.each([
    ['That idea was stupid', 'stupid'],
    ['stupid', 'stupid'],
    ['You suck at this', 'You suck'],
    ['you SUCKED in the role play', 'you SUCKED'],
    ['Such a dumb plan', 'dumb'],
    ['dumb', 'dumb'],
    ['What an idiotic question', 'idiotic'],
    ['morons wrote that agenda', 'morons'],
    ['Shut up and listen for once', 'Shut up'],
    ['It was pathetic', 'pathetic'],
    ['What the fuck was that', 'fuck'],
    ['a fucking mess', 'fucking'],
    ['This is bullshit', 'bullshit'],
    // leetspeak, look-alike and stretched letters
    ['St00pid idea', 'St00pid'],
    ['stup1d idea', 'stup1d'],
    ['stuuuupid idea', 'stuuuupid'],
    ['sh1t happens', 'sh1t'],
    // a masked letter
    ['st*pid idea', 'st*pid'],
    ['f*ck this', 'f*ck'],
    ['id#ot', 'id#ot'],
    // letters spelled out
    ['s t u p i d', 's t u p i d'],
    ['that was d.u.m.b', 'd.u.m.b'],
    ['s-h-i-t', 's-h-i-t'],
  ])('flags %j as %j', (text, words) => {
    const flags = checkFeedbackWording({ impact: text }).filter((f) => f.kind === 'offensive')
    expect(flags.map((f) => f.match)).toEqual([words])
    expect(text.slice(flags[0].start, flags[0].start + words.length)).toBe(words)
    expect(flags[0].suggestion).toContain(`"${words}"`)
    expect(flags[0].suggestion).toMatch(/insult or a swear word/)
    expect(flags[0].suggestion).toMatch(/how it affected you/)
  })

  test.each([
    'We did dumbbell exercises as an icebreaker',
    'The assessment of the class went well',
    'My therapist in Scunthorpe suggested the exercise',
    'We met in Essex for the workshop',
    'Our Q3 plan needs one owner per goal',
    'We did a s t a r t exercise on the whiteboard',
    'The analysis of the survey was thorough',
    'You asked what I would do with a cocktail party budget',
    'I felt stuck; you suggested we try a what-if scenario',
    'It was a classic case of shooting the messenger',
    'The printer was useless, so we sketched on paper',
  ])('leaves %j alone', (text) => {
    expect(kindsOf(text)).not.toContain('offensive')
  })

  test('an insult inside a judgement already flagged is said once, as the judgement', () => {
    expect(checkFeedbackWording({ tryNext: 'you are stupid' }).map((f) => [f.kind, f.match])).toEqual([
      ['person_judgement', 'you are stupid'],
    ])
  })

  test('leetspeak digits are read as letters for the other rules too', () => {
    expect(matchesOf('you n3ver listen', 'person_judgement')).toEqual(['you n3ver listen'])
    expect(matchesOf('You 4lways interrupt me', 'absolute')).toEqual(['4lways'])
    expect(matchesOf('you are l4zy', 'person_judgement')).toEqual(['you are l4zy'])
  })
})

describe('the result', () => {
  test('covers every field, in field order then position, and nothing for empty fields', () => {
    const flags = checkFeedbackWording({
      whatWorked: 'Good job',
      tryNext: 'You always interrupt',
      situation: '',
      behaviour: 'you are rude',
      impact: 'Nobody wants to speak up',
    })
    expect(flags.map((f) => [f.field, f.kind])).toEqual([
      ['whatWorked', 'vague'],
      ['tryNext', 'person_judgement'],
      ['tryNext', 'absolute'],
      ['behaviour', 'person_judgement'],
    ])
    expect(checkFeedbackWording({})).toEqual([])
  })

  test('a suggestion names the words and says what to write instead', () => {
    const flags = checkFeedbackWording({ tryNext: 'you never listen' })
    const absolute = flags.find((f) => f.kind === 'absolute')!
    const person = flags.find((f) => f.kind === 'person_judgement')!
    expect(absolute.suggestion).toContain('"never"')
    expect(absolute.suggestion).toMatch(/moment/)
    expect(person.suggestion).toContain('"you never listen"')
    expect(person.suggestion).toMatch(/behaviour/)
    expect(kindsOf('Good job')).toEqual(['vague'])
    expect(checkFeedbackWording({ tryNext: 'Good job' })[0].suggestion).toMatch(/what they did/)
  })
})
