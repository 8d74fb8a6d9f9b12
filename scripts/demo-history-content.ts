// What the demo's people wrote during a few months of peer coaching: agreements, goals, notes,
// reflections, action items, feedback, check-in notes and survey comments. Written to read like
// colleagues wrote them (specific, kind, sometimes blunt); `scripts/demo-history.ts` picks from
// these with a seeded random, so every run writes the same words.

export interface FocusStory {
  focus: string
  confidentiality: string
  feedback: string
}

export const FOCUSES: FocusStory[] = [
  {
    focus:
      'Saying no to requests from other teams without damaging the relationship, and explaining our priorities so they land.',
    confidentiality:
      'What we talk about stays between the two of us. We can share what we learned about ourselves, never what the other said.',
    feedback: 'Straight after each session, one thing that helped and one thing to try next time, in writing.',
  },
  {
    focus: 'Running a one-to-one where the other person does most of the talking, and asking before advising.',
    confidentiality: 'Names of colleagues stay out of our notes. Anything personal stays in the room.',
    feedback: 'We ask each other at the end: what was useful, what got in the way? Then we write it up in Tandem.',
  },
  {
    focus:
      'Preparing for difficult conversations about missed deadlines: opening calmly, describing the impact, agreeing a next step.',
    confidentiality: 'Nothing leaves our sessions unless we both agree. Our managers hear about the programme, not us.',
    feedback: 'Situation, behaviour, impact: we use it for each other too, and keep it to one or two points.',
  },
  {
    focus: 'Giving feedback to a more senior colleague in a way that is heard rather than defended against.',
    confidentiality: 'We keep the specifics confidential and anonymise any examples in shared notes.',
    feedback: 'Honest and specific. If something did not help, we say so the same day rather than letting it slide.',
  },
  {
    focus:
      'Listening without planning my reply: staying with the other person long enough to understand what they need.',
    confidentiality:
      'Everything we say here is private. Shared notes hold actions and ideas, never stories about people.',
    feedback: 'Five minutes at the end of every session, then the written feedback the same week.',
  },
  {
    focus:
      'Handling pushback in customer calls: acknowledging the concern before answering it, and not over-promising.',
    confidentiality: 'Customer names and colleagues stay out of our notes. What we share stays with us.',
    feedback: 'One thing that worked and one thing to try, said kindly and written down so we can look back.',
  },
  {
    focus: 'Speaking up earlier in meetings where I am the most junior person, with a clear point and a question.',
    confidentiality: 'We do not repeat what we hear in sessions, including to each other\u2019s teams.',
    feedback: 'We agreed to be direct: a specific moment, what it did, and a suggestion.',
  },
  {
    focus: 'Turning vague feedback I receive into something I can act on, by asking better follow-up questions.',
    confidentiality: 'Confidential by default. If one of us wants to share a takeaway, we ask first.',
    feedback: 'After each session: what helped, what to try next. Ratings in Tandem, words in person too.',
  },
  {
    focus: 'Delegating work I am good at, and coaching the person who takes it over instead of taking it back.',
    confidentiality: 'What is said in our sessions stays with us; notes are about actions, not about people.',
    feedback: 'A quick round at the end, then written feedback with one concrete example each.',
  },
  {
    focus: 'Staying calm and curious when a conversation turns tense, instead of getting defensive.',
    confidentiality: 'Private to the two of us. We will not mention each other\u2019s examples to anyone.',
    feedback: 'Kind and specific. We name the moment, say what it did for us, and offer one idea.',
  },
]

export interface GoalStory {
  title: string
  measure: string
  target: string
  milestones: string[]
}

export const GOALS: Record<string, GoalStory[]> = {
  'active-listening': [
    {
      title: 'Let the other person finish before I respond in one-to-ones',
      measure: 'I note after each one-to-one how often I interrupted, and ask my report once a month',
      target: 'No more than one interruption per one-to-one for four weeks in a row',
      milestones: ['Track interruptions for two weeks', 'Ask one report for an honest read', 'Four clean weeks'],
    },
    {
      title: 'Summarise back what I heard before giving my view',
      measure: 'Count the meetings in a week where I paraphrased before answering',
      target: 'In at least 8 of 10 meetings by the end of the programme',
      milestones: ['Practise in sessions with my peer', 'Use it in two team meetings', 'Make it a habit'],
    },
    {
      title: 'Ask one open question before offering a solution',
      measure: 'A tally in my notebook of open questions asked in support calls',
      target: 'An open question first in most calls, checked over two weeks',
      milestones: ['Collect ten good open questions', 'Try them in role play', 'Two weeks of tallies'],
    },
  ],
  'giving-feedback': [
    {
      title: 'Give my team specific feedback every week, not only at review time',
      measure: 'A line in my weekly notes for each piece of feedback given, with the example used',
      target: 'At least three pieces of specific feedback a week for six weeks',
      milestones: ['Draft with situation-behaviour-impact', 'First two weeks done', 'Six weeks done'],
    },
    {
      title: 'Raise the handover problem with the design team directly',
      measure: 'Whether the conversation happened and what we agreed',
      target: 'One conversation held and one change agreed before the end of the programme',
      milestones: ['Write down the impact with examples', 'Rehearse it with my peer', 'Hold the conversation'],
    },
    {
      title: 'Give feedback upwards to my manager about how priorities change',
      measure: 'The conversation, and whether the next planning cycle changes',
      target: 'One conversation and a follow-up within a month',
      milestones: ['Prepare two concrete examples', 'Practise the opening', 'Have the conversation'],
    },
  ],
  'difficult-conversations': [
    {
      title: 'Open hard conversations within a week instead of putting them off',
      measure: 'Days between noticing an issue and raising it, logged for each case',
      target: 'Every issue raised within five working days over the programme',
      milestones: ['List the conversations I am avoiding', 'Have the first one', 'Review what changed'],
    },
    {
      title: 'Talk to a customer about a delayed delivery without over-promising',
      measure: 'Whether the call ends with a date I can keep and the customer still engaged',
      target: 'Two such calls handled with a realistic date agreed',
      milestones: ['Role play the call', 'First real call', 'Second call and reflection'],
    },
    {
      title: 'Stay calm when someone challenges my work in a review',
      measure: 'My own rating from 1 to 5 after each review, and one note on what I did',
      target: 'Four reviews in a row rated 4 or above',
      milestones: ['Notice what sets me off', 'Try the pause-and-ask approach', 'Four reviews logged'],
    },
  ],
}

export const GOAL_UPDATES = [
  'Good week: I used the opening we practised and it went better than I expected.',
  'Slower than planned, the release took most of my attention. Picking it up again now.',
  'Tried it twice. The second time felt much more natural.',
  'Had the conversation. Not perfect, but we agreed a next step and the mood was fine.',
  'My report said the one-to-ones feel more useful lately, which was lovely to hear.',
  'Halfway there. The tally helps more than I thought it would.',
  'Slipped back into old habits during a stressful week; noticed it, which is something.',
  'Done! Keeping the habit going, but the goal itself is met.',
]

export const PARTNER_COMMENTS = [
  'This is real progress. Last month you would not have raised it at all.',
  'Curious what made the second attempt easier. Let us talk about it next time.',
  'Proud of you for having that conversation. How did it feel afterwards?',
  'Nice. Maybe try the same opening with your manager?',
]

export const SESSION_AGENDAS = [
  'Check-in, the situation from last week, a short role play, actions.',
  'Goals review, one "what if?" scenario, feedback.',
  'Catch up on actions, then change of perspective on the team conflict.',
  'Quick check-in, practise the conversation, agree who does what.',
  'Where are we against our goals? Then an empathy exercise on the stakeholder issue.',
  'Wrap-up: what changed since we started, what we keep doing.',
]

export const EXERCISES = [
  'builtin:role-play',
  'builtin:what-if',
  'builtin:empathy',
  'builtin:change-of-perspective',
  'builtin:collaborative-storytelling',
]

export const SHARED_NOTES = [
  'We role-played the conversation with the platform team twice. Second run: shorter opening, impact first. Ask for the roadmap dates in writing.',
  'Talked through what makes it hard to say no. Idea: offer two options instead of a flat no, and name what would slip.',
  '"What if the deadline moves again?" We listed three fallbacks. The middle one (ship the smaller scope first) feels right.',
  'Looked at the stakeholder map together. The finance lead cares about predictability more than speed; frame the update that way.',
  'Practised paraphrasing: two minutes listening, one minute summarising, then swap. Harder than it sounds.',
  'Empathy exercise on the customer escalation. Their frustration is mostly about not being told early. Earlier heads-up next time.',
  'Reviewed goals. One is on track; the other needs a smaller first step. Agreed to split it.',
  'Told the story of last quarter\u2019s launch from each side. Three action steps came out of it (below).',
  'Short session, both tired. Still useful: agreed to move our slot to the morning.',
  'Prepared the feedback for the design review using situation, behaviour, impact. Draft is in our notes doc.',
  'Change of perspective: how would the new joiner see our onboarding? We noted four gaps.',
  'Last session of the cycle. We looked back at where we started; both of us noticed more change than we expected.',
]

export const REFLECTIONS = [
  'I jumped in with advice twice before really understanding the problem. Next time: one more question first.',
  'Felt nervous about the role play but it helped. I keep avoiding this conversation because I fear the reaction, not the content.',
  'It is easier to be honest with someone outside my team. I did not expect that.',
  'I noticed I rush when I am uncomfortable. Slowing down made the conversation better.',
  'Coaching someone else on delegation showed me how much I hold on to myself.',
  'Tired today and it showed. Still glad I did not cancel.',
  'The question "what would you tell a friend in your place?" unlocked something for me.',
  'I want to be less defensive in reviews. Today I could see the pattern clearly.',
  'My partner listens in a way I would like to learn. Less nodding, more silence.',
  'Good to see progress written down. I forget how far I have come.',
]

export const ACTION_ITEMS = [
  'Send the roadmap questions to the platform lead',
  'Book a 30-minute slot with my manager about priorities',
  'Try the two-options answer on the next incoming request',
  'Write the situation-behaviour-impact draft for Thursday',
  'Ask one report for feedback on our one-to-ones',
  'Read the chapter on listening we talked about',
  'Share the customer call notes with the account team',
  'Practise the opening line out loud before the review',
  'Propose a morning slot for our next session',
  'Keep the interruption tally for the next two weeks',
  'Draft the handover checklist and share it with design',
  'Follow up with the customer about the revised date',
]

export interface FeedbackWords {
  whatWorked: string
  tryNext: string
  situation: string
  behaviour: string
  impact: string
}

export const FEEDBACK: FeedbackWords[] = [
  {
    whatWorked: 'Your question about what I was afraid would happen helped me see the real blocker.',
    tryNext: 'When I go quiet, give me a moment longer before moving on. I was still thinking.',
    situation: 'When we talked about the conversation with my manager',
    behaviour: 'you asked what the worst realistic outcome would be',
    impact: 'and I realised it was much smaller than the one I had been imagining.',
  },
  {
    whatWorked: 'The role play felt real because you pushed back the way my stakeholder does.',
    tryNext: 'Could we swap sides once, so I hear how my words sound from the other end?',
    situation: 'During the role play of the budget discussion',
    behaviour: 'you raised the objection about timing twice, politely but firmly',
    impact: 'which let me practise staying calm instead of over-explaining.',
  },
  {
    whatWorked: 'Summarising my goals at the start kept us focused for the whole hour.',
    tryNext: 'Maybe leave five more minutes for actions; we ran out of time at the end.',
    situation: 'At the start of the session',
    behaviour: 'you read back what I had said I wanted to work on',
    impact: 'so we did not drift into venting about work in general.',
  },
  {
    whatWorked: 'I felt listened to. You did not jump to solutions, which is what I needed this time.',
    tryNext: 'Next time I would welcome one or two suggestions once I have talked it through.',
    situation: 'When I described the tension in the team',
    behaviour: 'you reflected back the feelings I had mentioned before asking anything else',
    impact: 'and I ended up saying things I had not said out loud before.',
  },
  {
    whatWorked: 'The "what if the launch slips again?" scenario gave me a plan B I can actually use.',
    tryNext: 'Let us write the scenarios down as we go; I lost one of them afterwards.',
    situation: 'In the what-if exercise',
    behaviour: 'you kept asking "and then what?" until we reached something concrete',
    impact: 'and I left with a fallback I can take to my team.',
  },
  {
    whatWorked: 'Your example from your own team made the idea of delegating feel less risky.',
    tryNext: 'I think I would get more from fewer examples and more questions about my situation.',
    situation: 'When we discussed handing over the reporting work',
    behaviour: 'you shared how you handed over the release process last year',
    impact: 'which made me willing to try it, although I talked less about my own case.',
  },
  {
    whatWorked:
      'Asking me to rate how confident I felt, and then what would move it up a point, was clever and useful.',
    tryNext: 'Could we check in on last session\u2019s actions at the start, before new topics?',
    situation: 'Halfway through the session',
    behaviour: 'you asked me to put a number on my confidence and what would add one point',
    impact: 'and the answer gave me a small first step instead of a big scary one.',
  },
  {
    whatWorked: 'You gave honest feedback on my draft message without softening it too much. Thank you.',
    tryNext: 'It would help to hear what worked in the draft too, so I know what to keep.',
    situation: 'When we went through my email to the customer',
    behaviour: 'you pointed out the two sentences that sounded defensive',
    impact: 'and I rewrote them before sending; the reply was friendly.',
  },
  {
    whatWorked: 'Moving to the morning slot was a good call: we were both more present.',
    tryNext: 'Let us keep phones face down; I noticed I was distracted once or twice myself.',
    situation: 'In our first morning session',
    behaviour: 'you suggested we start with two quiet minutes to note what was on our minds',
    impact: 'which made it easier to leave the day\u2019s work outside.',
  },
  {
    whatWorked: 'The change-of-perspective exercise helped me see why finance keeps asking for dates.',
    tryNext: 'I would like to practise the actual conversation next time, not just understand it.',
    situation: 'When we looked at the quarterly planning conflict',
    behaviour: 'you asked me to argue the finance lead\u2019s side for three minutes',
    impact: 'and I found their concern reasonable, which changes how I will open.',
  },
]

export const CHECKIN_NOTES = [
  'Busy week, a bit scattered.',
  'Looking forward to this one.',
  'Nervous about the conversation we are practising.',
  'Lighter after talking it through.',
  'Tired but glad I came.',
  'Feeling more confident than last time.',
  'Deadlines everywhere this week.',
]

export const FIT_COMMENTS_GOOD = [
  'Easy to talk to and asks good questions. Looking forward to the next sessions.',
  'We work in very different areas, which turns out to be useful.',
  'Good match: similar challenges, different ways of handling them.',
  'First session felt a bit formal, but I think we will get there.',
]

export const FIT_COMMENT_POOR =
  'We struggle to find common ground and our schedules barely overlap. I am not sure this pairing works for either of us.'

export const REPAIR_REASON =
  'Our working hours hardly overlap and we have already moved two sessions. We are both trying, but I think a peer closer to my time zone and with more similar challenges would help me more.'

export const DECLINE_REASONS = [
  'I am about to go on parental leave for three months, so I cannot commit to the sessions.',
  'We worked closely on the same project until last month; I would prefer someone I do not know yet.',
]

export const CLOSING_COMMENTS = [
  'More useful than I expected. Having a peer outside my team made it easy to be honest.',
  'The structure helped: agreed focus, short sessions, clear actions. I would do it again.',
  'Some sessions slipped because of work, but the ones we held were really valuable.',
  'I learned as much from coaching as from being coached.',
  'A good experience. I would like longer sessions next time.',
  'It ended earlier than planned, but the first sessions helped me.',
]

export const INTENTS = [
  'I want to get better at the conversations I tend to put off.',
  'I would like a peer outside my team to think things through with.',
  'I am new to leading people and want to practise listening before advising.',
  'I give feedback too rarely and want to make it a habit.',
  'I want to learn how other teams handle pressure and pushback.',
  'I would like to grow as a coach for others, not only get coached.',
  'I want to speak up more in meetings and be clearer when I do.',
  'Looking for honest feedback from someone who is not my manager.',
]

export const SUPPORT_MESSAGE =
  'Things have been heavy at work and at home lately. I would like to talk to someone about workload, not urgent.'

export const CANCEL_REASONS = [
  'Release week: moving this one, sorry!',
  'Off sick today.',
  'Clashes with a customer visit.',
  'Travelling for the offsite.',
]
