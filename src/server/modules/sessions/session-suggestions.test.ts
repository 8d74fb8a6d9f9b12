import { describe, expect, test } from 'vitest'
import { toLocal } from '#contracts/time.ts'
import { suggestSlots } from './session-suggestions.ts'

const weekdays = [1, 2, 3, 4, 5]
const asha = {
  personId: 'asha',
  timeZone: 'Asia/Kolkata',
  workingHoursStart: '09:00',
  workingHoursEnd: '21:00',
  workingDays: weekdays,
}
const ben = {
  personId: 'ben',
  timeZone: 'America/Los_Angeles',
  workingHoursStart: '07:00',
  workingHoursEnd: '17:00',
  workingDays: weekdays,
}

describe('suggested slots', () => {
  test("inside both members' working hours, on 15-minute boundaries, one per day", () => {
    const slots = suggestSlots({
      members: [asha, ben],
      busy: [],
      from: new Date('2027-03-08T00:07:00Z'), // a Monday
      durationMinutes: 45,
      count: 5,
      dayZone: 'Asia/Kolkata',
    })
    expect(slots).toHaveLength(5)
    for (const slot of slots) {
      expect(slot.start.getTime() % (15 * 60_000)).toBe(0)
      expect(slot.end.getTime() - slot.start.getTime()).toBe(45 * 60_000)
    }
    // Kolkata 09:00-21:00 meets Los Angeles 07:00-17:00 from 07:00 LA: 20:30 Kolkata while LA is on
    // PST (too late for 45 minutes), 19:30 once LA springs forward on 14 March.
    expect(
      slots.map((s) => `${toLocal(s.start, 'Asia/Kolkata')} / ${toLocal(s.start, 'America/Los_Angeles')}`),
    ).toEqual([
      '2027-03-15T19:30 / 2027-03-15T07:00',
      '2027-03-16T19:30 / 2027-03-16T07:00',
      '2027-03-17T19:30 / 2027-03-17T07:00',
      '2027-03-18T19:30 / 2027-03-18T07:00',
      '2027-03-19T19:30 / 2027-03-19T07:00',
    ])
  })

  test('half an hour fits before the change; scheduled sessions of either member are avoided', () => {
    const slots = suggestSlots({
      members: [asha, ben],
      busy: [
        // Ben is busy on Tuesday 07:00-07:30 LA (another match); Asha on Wednesday 20:15-20:45 Kolkata.
        { personId: 'ben', start: new Date('2027-03-09T15:00:00Z'), end: new Date('2027-03-09T15:30:00Z') },
        { personId: 'asha', start: new Date('2027-03-10T14:45:00Z'), end: new Date('2027-03-10T15:15:00Z') },
      ],
      from: new Date('2027-03-08T00:00:00Z'),
      durationMinutes: 30,
      count: 3,
      dayZone: 'America/Los_Angeles',
    })
    expect(slots.map((s) => toLocal(s.start, 'America/Los_Angeles'))).toEqual([
      '2027-03-08T07:00',
      '2027-03-11T07:00',
      '2027-03-12T07:00',
    ])
  })

  test('no common working hours: no slot', () => {
    const late = { ...ben, workingHoursStart: '10:00', workingHoursEnd: '16:00' }
    const slots = suggestSlots({
      members: [asha, late],
      busy: [],
      from: new Date('2027-03-08T00:00:00Z'),
      durationMinutes: 30,
      count: 5,
      dayZone: 'Asia/Kolkata',
    })
    expect(slots).toEqual([])
  })
})
