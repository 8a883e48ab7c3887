import { describe, expect, test } from 'vitest'
import { acceptsSavesUntil, computeDeadline, isPastGrace, SAVE_GRACE_MS } from '#app/exams/timing/deadline.ts'
import { MAX_SEQ, nextSeq, saveApplies } from './sequence.ts'

const start = new Date('2026-03-02T01:00:00.000Z')
const plus = (minutes: number) => new Date(start.getTime() + minutes * 60_000)

describe('computeDeadline', () => {
	test('the time limit when the window stays open longer', () => {
		expect(computeDeadline({ startedAt: start, timeLimitMinutes: 90, windowClosesAt: plus(600) })).toEqual(plus(90))
	})
	test('the window close when it comes first', () => {
		expect(computeDeadline({ startedAt: start, timeLimitMinutes: 90, windowClosesAt: plus(30) })).toEqual(plus(30))
	})
	test('extra minutes are added after the minimum', () => {
		expect(computeDeadline({ startedAt: start, timeLimitMinutes: 90, windowClosesAt: plus(30), extraMinutes: 20 })).toEqual(plus(50))
	})
	test('a later personal close replaces the window close; an earlier one is ignored', () => {
		const base = { startedAt: start, timeLimitMinutes: 90, windowClosesAt: plus(30) }
		expect(computeDeadline({ ...base, personalClosesAt: plus(60) })).toEqual(plus(60))
		expect(computeDeadline({ ...base, personalClosesAt: plus(10) })).toEqual(plus(30))
	})
	test('grace: saves accepted up to deadline + 10 s, closed after', () => {
		const deadline = plus(90)
		expect(acceptsSavesUntil(deadline).getTime() - deadline.getTime()).toBe(SAVE_GRACE_MS)
		expect(isPastGrace(deadline, new Date(deadline.getTime() + SAVE_GRACE_MS))).toBe(false)
		expect(isPastGrace(deadline, new Date(deadline.getTime() + SAVE_GRACE_MS + 1))).toBe(true)
	})
})

describe('sequence numbers', () => {
	const startedAtMs = start.getTime()
	test('always above the last number used', () => {
		expect(nextSeq({ lastSeq: 0, serverNowMs: startedAtMs, startedAtMs })).toBe(1)
		expect(nextSeq({ lastSeq: 41, serverNowMs: startedAtMs + 1000, startedAtMs })).toBe(42)
	})
	test('never behind the time since start, so a later edit on another device wins', () => {
		const deviceA = nextSeq({ lastSeq: 5, serverNowMs: startedAtMs + 60_000, startedAtMs })
		const deviceB = nextSeq({ lastSeq: 900, serverNowMs: startedAtMs + 30_000, startedAtMs })
		expect(deviceA).toBe(600)
		expect(deviceB).toBe(901)
		const laterOnA = nextSeq({ lastSeq: deviceA, serverNowMs: startedAtMs + 120_000, startedAtMs })
		expect(saveApplies(deviceB, laterOnA)).toBe(true)
	})
	test('capped at the column maximum', () => {
		expect(nextSeq({ lastSeq: MAX_SEQ, serverNowMs: startedAtMs, startedAtMs })).toBe(MAX_SEQ)
	})
	test('only a higher number applies', () => {
		expect(saveApplies(5, 6)).toBe(true)
		expect(saveApplies(5, 5)).toBe(false)
		expect(saveApplies(5, 4)).toBe(false)
	})
})
