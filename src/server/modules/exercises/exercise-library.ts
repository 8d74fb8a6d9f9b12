import type { CoachingQuestion, Exercise } from '#contracts/exercises.ts'

/*
 * The built-in library, read by participants during their sessions. It lives in code so that new
 * content reaches every organization with a release, without a data migration. Ids are stable:
 * `builtin:<slug>`. Add new items at the end and never reuse an id.
 */

type BuiltInExercise = Omit<Exercise, 'id' | 'durationMinutes' | 'isBuiltIn'>

const exercises: BuiltInExercise[] = [
  {
    slug: 'role-play',
    technique: 'role_play',
    title: 'Role playing: rehearse a real conversation',
    purpose:
      'Acting out a real situation before it happens builds communication skills and confidence. ' +
      'The coachee tries their words in a safe place, hears how they land, and tries again. ' +
      'The coach plays the other person and gives honest, unbiased feedback on what worked.',
    steps: [
      {
        title: 'Pick the conversation',
        instruction:
          'The coachee describes a conversation they expect or dread: who it is with, what they want from it, ' +
          'and what worries them. The coach listens and summarises it back in two sentences.',
        minutes: 4,
      },
      {
        title: 'Brief the other person',
        instruction:
          'The coachee tells the coach how the other person usually talks and reacts. ' +
          'Agree on one outcome the coachee wants, for example "agree a next step" or "stay calm".',
        minutes: 3,
      },
      {
        title: 'First run',
        instruction:
          'Play the conversation for about five minutes. The coach stays in role and reacts the way the real ' +
          'person might, without being harsher than is realistic. Either of you can pause it.',
        minutes: 5,
      },
      {
        title: 'Debrief',
        instruction:
          'The coachee says first what went well and what felt hard. The coach then describes what they saw: ' +
          'one moment that worked and one to try differently. Describe behaviour, not the person.',
        minutes: 5,
      },
      {
        title: 'Second run',
        instruction: 'Replay the hardest moment with the change the coachee chose. Notice how it feels this time.',
        minutes: 4,
      },
      {
        title: 'Take it to the real conversation',
        instruction:
          'The coachee names the one or two sentences they will use, and when the real conversation will happen. ' +
          'Note it as an action item.',
        minutes: 3,
      },
    ],
    prompts: [
      'What do you want the other person to think, feel or do at the end?',
      'Which moment are you most worried about?',
      'How did that land for you when you said it out loud?',
      'What would you say if they pushed back once more?',
      'What did you notice about your tone when you felt under pressure?',
      'Which sentence will you keep for the real conversation?',
    ],
    scenarios: [
      {
        title: 'A difficult customer',
        setup:
          'A long-standing customer calls, upset that a delivery is two weeks late. They threaten to move to a ' +
          'competitor and ask for a discount you cannot give. The coachee wants to keep the customer, stay ' +
          'honest about what they can offer, and agree a concrete next step. The coach plays the customer: ' +
          'frustrated, interrupting at first, calmer once they feel heard.',
      },
      {
        title: 'Asking for a raise',
        setup:
          'The coachee has taken on a larger role over the past year and wants to ask their manager for a raise. ' +
          'They fear sounding demanding or being told "not now". The coach plays the manager: friendly but ' +
          'careful with budget. The coachee practises stating their case with two or three examples and asking ' +
          'what it would take.',
      },
      {
        title: 'A hard conversation with a stakeholder',
        setup:
          'A senior stakeholder expects a feature by the end of the month. The coachee knows the team cannot ' +
          'deliver it in time without cutting quality. The coach plays the stakeholder, who is under pressure ' +
          'from their own boss. The coachee practises giving the bad news early and offering two options.',
      },
      {
        title: 'A conflict within the team',
        setup:
          'Two colleagues keep disagreeing in meetings about how to run a project, and the rest of the team has ' +
          'gone quiet. The coachee wants to raise it with one of them privately. The coach plays that colleague, ' +
          'who feels their ideas are ignored.',
      },
    ],
  },
  {
    slug: 'what-if',
    technique: 'what_if',
    title: '"What if?" scenarios: think a plan through',
    purpose:
      'Hypothetical questions encourage strategic thinking. By imagining what could change, the coachee ' +
      'tests a plan before reality does, finds early warning signs, and prepares options instead of ' +
      'reacting under pressure.',
    steps: [
      {
        title: 'State the plan',
        instruction:
          'The coachee describes the plan or decision in a few sentences: the goal, the main steps and the date ' +
          'it should be done by. The coach asks what success looks like.',
        minutes: 4,
      },
      {
        title: 'Ask the first "what if?"',
        instruction:
          'The coach asks a "what if?" that makes the plan harder, for example "What if plan A fails?". ' +
          'The coachee thinks aloud. The coach listens and does not offer solutions.',
        minutes: 5,
      },
      {
        title: 'Ask the opposite "what if?"',
        instruction:
          'Now ask one that makes the plan easier or bigger, for example "What if your resources doubled?". ' +
          'This often shows what the coachee really believes matters most.',
        minutes: 5,
      },
      {
        title: 'Find the signals',
        instruction:
          'Together, list the early signs that would tell the coachee one of these situations is starting. ' +
          'Who would notice first, and when?',
        minutes: 4,
      },
      {
        title: 'Decide what to do now',
        instruction:
          'The coachee picks one change to the plan, or one fallback to prepare, and writes it as an action item ' +
          'with a date.',
        minutes: 4,
      },
    ],
    prompts: [
      'What if plan A fails? What would you do on Monday morning?',
      'What if your resources doubled? What would you do first, and what would you stop doing?',
      'What if the deadline moved forward by half?',
      'What if the key person on this left tomorrow?',
      'What is the earliest sign that things are going wrong?',
      'Which of these possibilities worries you most, and which is most likely?',
      'What can you prepare today that would make any of these easier?',
    ],
    scenarios: [
      {
        title: 'What if plan A fails?',
        setup:
          'The coachee is launching a new onboarding process for their team next month. Plan A relies on a ' +
          'new tool being ready in time. The coach asks: "What if the tool is not ready, or nobody uses it?" ' +
          'The coachee works out a plan B that could start with what they already have.',
      },
      {
        title: 'What if resources double?',
        setup:
          'The coachee leads a small project with two people. The coach asks: "What if you had four people and ' +
          'twice the budget from next week?" The coachee sorts what they would do first, what would still be ' +
          'slow however many people they had, and which part of the work is the real bottleneck.',
      },
      {
        title: 'What if resources increase, but the deadline does too?',
        setup:
          'A manager offers the coachee an extra person if they take on a second project. The coach explores ' +
          'both sides: what the extra help makes possible, and what could go wrong when two projects compete ' +
          'for the same attention.',
      },
    ],
  },
  {
    slug: 'empathy',
    technique: 'empathy',
    title: "Empathy exercise: see it through the other person's eyes",
    purpose:
      "Understanding another person's perspective develops emotional intelligence and communication skills. " +
      'When the coachee names what the other person may feel and need, a conflict often becomes a problem ' +
      'the two can solve together.',
    steps: [
      {
        title: 'Tell it as it happened',
        instruction:
          'The coachee describes the situation from their own side: what happened, what was said, how they felt. ' +
          'The coach reflects back the feelings they heard.',
        minutes: 5,
      },
      {
        title: 'Swap chairs',
        instruction:
          'The coachee now speaks as the other person, in the first person: "I am ... and I felt ... when ...". ' +
          'The coach interviews them gently in that role.',
        minutes: 6,
      },
      {
        title: 'Name feelings and needs',
        instruction:
          'Step out of the role. Together, write down what the other person may have felt and what they needed ' +
          '(for example respect, clarity, recognition, time). Then do the same for the coachee.',
        minutes: 5,
      },
      {
        title: 'Look for common ground',
        instruction:
          'Which needs do both people share? The coach asks what a response that meets both sets of needs could ' +
          'look like.',
        minutes: 4,
      },
      {
        title: 'Choose a first move',
        instruction:
          'The coachee chooses one thing to say or do, and how they will open the conversation. Note it as an ' +
          'action item.',
        minutes: 3,
      },
    ],
    prompts: [
      'How do you think they felt in that moment?',
      'What might they have needed that they did not get?',
      'What would they say if they told this story?',
      'What do you both want, underneath the disagreement?',
      'What would help them hear you?',
      'How do you feel about them now, after speaking as them?',
    ],
    scenarios: [
      {
        title: 'A conflict in the team',
        setup:
          "A colleague criticised the coachee's work in front of the whole team. The coachee felt embarrassed " +
          'and has avoided them since. In the exercise the coachee speaks as the colleague, who had been worried ' +
          'for weeks about a customer deadline and felt nobody was listening. Feelings that surface: anxious, ' +
          'unheard, then defensive. Needs that surface on both sides: to be heard early, and to be treated ' +
          'with respect in public.',
      },
      {
        title: 'A teammate who misses deadlines',
        setup:
          'A teammate has missed three handovers in a row, and the coachee is doing the extra work. Speaking as ' +
          'the teammate, the coachee discovers they may be overloaded by a second manager and unsure how to say ' +
          'no. The first move becomes a private, curious question rather than a complaint.',
      },
      {
        title: 'A new colleague who stays quiet',
        setup:
          'A new team member never speaks in meetings, and the coachee reads it as lack of interest. In role, the ' +
          'coachee imagines joining a team where everyone already knows each other. Needs: belonging and a safe ' +
          'first chance to contribute.',
      },
    ],
  },
  {
    slug: 'change-of-perspective',
    technique: 'change_of_perspective',
    title: 'Change of perspective: walk around the decision',
    purpose:
      'Looking at a problem from new perspectives helps the coachee see what they missed, weigh each ' +
      "stakeholder's view fairly, and generate alternative solutions instead of defending the first one.",
    steps: [
      {
        title: 'Frame the decision',
        instruction: 'The coachee states the decision or problem in one sentence and the option they lean towards now.',
        minutes: 3,
      },
      {
        title: 'Map the stakeholders',
        instruction:
          "List everyone the decision touches: people, teams, customers, the coachee's future self. " +
          'Write each one down as a seat around a table.',
        minutes: 4,
      },
      {
        title: 'Sit in each seat',
        instruction:
          'For each stakeholder, the coachee answers: what do they care about, what do they fear, and how would ' +
          'they judge the leaning option? The coach keeps each view short and fair.',
        minutes: 8,
      },
      {
        title: 'Generate alternatives',
        instruction:
          'With all views on the table, find at least two other options. Aim for one that serves the stakeholders ' +
          'the first option ignored.',
        minutes: 5,
      },
      {
        title: 'Decide and plan the talk',
        instruction:
          'The coachee chooses an option, names whom to talk to first, and what they will say about the views ' +
          'they heard.',
        minutes: 4,
      },
    ],
    prompts: [
      'Who is affected by this decision that we have not named yet?',
      'If you were them, what would you want to hear first?',
      'What would a customer say about this?',
      'How would this look to you in a year?',
      'Which view did you find hardest to take, and why?',
      'What option would you choose if you had to please the person who disagrees most?',
    ],
    scenarios: [
      {
        title: 'The views of each stakeholder of a decision',
        setup:
          'The coachee must decide whether the team moves to a four-day on-site week. Seats around the table: ' +
          'the team members (commute, focus time, family), the manager (collaboration, visibility), the ' +
          'facilities team (desk space), new joiners (learning from others), and customers (response times). ' +
          'The coachee finds an alternative: anchor days for collaboration and flexible days for focus work.',
      },
      {
        title: 'Choosing between two suppliers',
        setup:
          'One supplier is cheaper; the other is known for reliable support. The coachee walks through finance, ' +
          'the engineers who will use the product, the support team, and the end customer. The cheapest option ' +
          'looks different once the cost of outages is seen from the support seat.',
      },
      {
        title: 'Generating alternatives to a stuck problem',
        setup:
          "A recurring report takes the coachee a day each month. Seen from the readers' seats, half of it is " +
          'never read. Alternatives: a shorter version, a dashboard, or asking readers what decisions they make ' +
          'with it.',
      },
    ],
  },
  {
    slug: 'collaborative-storytelling',
    technique: 'collaborative_storytelling',
    title: 'Collaborative storytelling: from a shared challenge to action steps',
    purpose:
      'Telling a common challenge as a story, together, opens up creative solutions and builds a shared ' +
      'vision. The story turns a vague problem into characters, turning points and a better ending, and ' +
      'the ending becomes a plan of action steps.',
    steps: [
      {
        title: 'Choose the shared challenge',
        instruction: 'Agree on a challenge you both face or care about. Give the story a working title.',
        minutes: 3,
      },
      {
        title: 'Once upon a time',
        instruction:
          'Take turns, two or three sentences each, describing where things stand today: the setting, the ' +
          'characters, and what is not working. Keep it concrete.',
        minutes: 5,
      },
      {
        title: 'The turning point',
        instruction:
          'Continue taking turns: something changes. A character tries something new, an unexpected ally appears, ' +
          "or an obstacle is overcome. Build on each other's sentences; do not reject them.",
        minutes: 6,
      },
      {
        title: 'The better ending',
        instruction:
          'Describe together how things look when the challenge is solved. What do people see, hear and do ' +
          'differently?',
        minutes: 4,
      },
      {
        title: 'From story to action steps',
        instruction:
          'Go back through the story and pull out what made the turning point and the ending possible. Turn each ' +
          'into an action step with an owner and a date.',
        minutes: 6,
      },
    ],
    prompts: [
      'Who are the characters in this story, and what does each want?',
      'What happens next?',
      'Yes, and then ... ?',
      'What surprised you about where the story went?',
      'Which moment in the story could really happen next week?',
      'What is the first small step that starts the turning point?',
    ],
    scenarios: [
      {
        title: 'A shared challenge told as a story and turned into action steps',
        setup:
          'Both peers work on teams that hand work over to each other, and handovers keep slipping. Their story: ' +
          '"Once upon a time, requests arrived by chat at five on a Friday ..." In the turning point, the two ' +
          'teams meet for fifteen minutes every Monday. In the ending, nobody is surprised by a request. Action ' +
          'steps: one peer proposes the Monday slot by Wednesday; the other drafts a one-page request template.',
      },
      {
        title: 'Onboarding as a story',
        setup:
          "The pair tells the story of a new joiner's first month, told from day one. Where the story stalls " +
          '(no laptop, nobody to ask) becomes the list of things to fix, each with an owner.',
      },
    ],
  },
]

/** The built-in exercises, in the order of the concept's five techniques. */
export const BUILT_IN_EXERCISES: readonly Exercise[] = exercises.map((exercise) => ({
  ...exercise,
  id: `builtin:${exercise.slug}`,
  durationMinutes: exercise.steps.reduce((total, step) => total + step.minutes, 0),
  isBuiltIn: true,
}))

const activeListening: string[] = [
  'Reflect the feeling: "It sounds like you felt frustrated when that happened."',
  'Reflect the words: repeat their last few words as a question, then pause and let them continue.',
  'Paraphrase: "So what you are saying is ... Have I got that right?"',
  'Paraphrase the meaning, not only the facts: "What matters most to you here seems to be ..."',
  'Summarise: "Let me check I have followed you. First ..., then ..., and now you are unsure about ..."',
  'Summarise before moving on: "Before we go further, here is what I have heard so far."',
  'Clarify: "When you say it went badly, what exactly happened?"',
  'Clarify a word: "What does \'soon\' mean for you here?"',
  'Clarify who: "Who else was involved?"',
  'Ask for an example: "Can you give me an example of when that happened?"',
  'Invite more: "Tell me more about that."',
  'Check what was left out: "Is there anything you have not said yet that matters?"',
  'Use silence: after they answer, wait a few seconds before you speak. They often add the important part.',
  'Notice the body: "You smiled when you mentioned the new project. What is behind that?"',
  'Name a shift: "Your voice changed when you talked about your manager. What was happening there?"',
  'Check your understanding of the goal: "What would you like to get out of our time on this?"',
  'Hold back your own story: resist "that happened to me too"; keep the attention on them.',
  'Close the loop: "What is the main thing you are taking from what we discussed?"',
]

const powerful: string[] = [
  'What would you do if you knew you could not fail?',
  'What is really the challenge here for you?',
  'What do you want, and what do you want instead?',
  'What have you already tried, and what did you learn from it?',
  'What is in your control here, and what is not?',
  'What are you assuming that might not be true?',
  "If this were a friend's problem, what would you advise them?",
  'What would the bravest version of you do?',
  'What is the cost of changing nothing?',
  'What is one thing you could do this week that would make a difference?',
  'Who could help you with this, and what stops you from asking?',
  'What would success look like, and how will you know you are there?',
  'What are you tolerating that you no longer want to?',
  'What would you regret not trying?',
  'What is the question you are avoiding?',
  'If you had twice the time, what would you do differently? And with half?',
  'What matters most to you about this?',
  'What would someone you admire do in your place?',
  'What part of this do you enjoy, and how could you do more of it?',
  'What do you need to let go of to move forward?',
  'What is the smallest step that would still be progress?',
  'How will you hold yourself to it?',
  'What else?',
]

/** The built-in question bank: active-listening techniques and thought-provoking (powerful) questions. */
export const BUILT_IN_QUESTIONS: readonly CoachingQuestion[] = [
  ...activeListening.map((text, index) => ({
    id: `builtin:listening-${index + 1}`,
    kind: 'active_listening' as const,
    text,
    isBuiltIn: true,
  })),
  ...powerful.map((text, index) => ({
    id: `builtin:powerful-${index + 1}`,
    kind: 'powerful' as const,
    text,
    isBuiltIn: true,
  })),
]
