import { expect, test } from 'vitest'
import { createBankQuestions, createPerson, createRound, createUnit } from '#app/exams/rounds/test-fixtures.ts'
import { sweepAttempts } from '#app/exams/sweep.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { closeExpiredAttempts } from './close-attempts.ts'
import { SAVE_GRACE_MS } from '#app/exams/timing/deadline.ts'
import { getLearnerAttempt } from './learner-paper.ts'
import { optionIdFor } from './option-ids.server.ts'
import { saveAnswer, type InvalidSave, type SaveOutcome } from './save-answer.server.ts'
import { startAttempt } from './start-attempt.server.ts'
import { submitAttempt } from './submit-attempt.ts'

const T0 = new Date('2026-06-01T02:00:00.000Z')
const at = (ms: number) => new Date(T0.getTime() + ms)
const MIN = 60_000

describeEachProvider('attempts', (getDb) => {
	async function openRound(overrides: Parameters<typeof createRound>[2] = {}) {
		const db = await getDb()
		await createBankQuestions(db, 'single', 3)
		await createBankQuestions(db, 'true_false', 2)
		const round = await createRound(db, T0, {
			rules: [
				{ topic: 'fiscal', type: 'single', difficulty: null, count: 2, pointsEach: 2 },
				{ topic: 'fiscal', type: 'true_false', difficulty: null, count: 1, pointsEach: 1 },
			],
			...overrides,
		})
		return { db, round }
	}

	async function started(overrides: Parameters<typeof createRound>[2] = {}) {
		const { db, round } = await openRound(overrides)
		const person = await createPerson(db)
		const result = await startAttempt(db, { roundId: round.id, candidate: person, now: T0 })
		if (!result.ok) throw new Error(result.message)
		const attemptId = result.attemptId
		/** The page's name for option `key` of the question at `position` (positions 1–2 are 单选, 3 is 判断). */
		const choice = (position: number, key: string) => optionIdFor(attemptId, position, key)
		/** Some answer that fits the question at `position`, different for each seq. */
		const answerFor = (position: number, seq: number) => (position === 3 ? seq % 2 === 0 : choice(position, 'ABCD'[seq % 4]!))
		return { db, round, person, attemptId, choice, answerFor }
	}

	test('start stores min(start + limit, close) as the deadline, draws the paper and locks its versions', async () => {
		const { db, attemptId } = await started({ timeLimitMinutes: 60 })
		const attempt = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, include: { questions: { include: { questionVersion: true } } } })
		expect(attempt.deadline).toEqual(at(60 * MIN))
		expect(attempt.maxScore).toBe(5)
		expect(attempt.seed).toMatch(/^[0-9a-f]{32}$/)
		expect(attempt.questions.map((q) => q.position).sort()).toEqual([1, 2, 3])
		expect(attempt.questions.every((q) => q.questionVersion.lockedAt?.getTime() === T0.getTime())).toBe(true)
	})

	test('the window close and a personal accommodation bound the deadline', async () => {
		const { db, round } = await openRound({ closesAt: at(30 * MIN), timeLimitMinutes: 60 })
		const plain = await createPerson(db)
		const helped = await createPerson(db)
		await db.accommodation.create({ data: { roundId: round.id, userId: helped.id, extraMinutes: 15, closesAt: at(45 * MIN) } })
		const a = await startAttempt(db, { roundId: round.id, candidate: plain, now: T0 })
		const b = await startAttempt(db, { roundId: round.id, candidate: helped, now: T0 })
		if (!a.ok || !b.ok) throw new Error('start refused')
		expect((await db.attempt.findUniqueOrThrow({ where: { id: a.attemptId } })).deadline).toEqual(at(30 * MIN))
		expect((await db.attempt.findUniqueOrThrow({ where: { id: b.attemptId } })).deadline).toEqual(at(60 * MIN))
		// After the round's close only the person with a later close may still start.
		const late = await createPerson(db)
		expect(await startAttempt(db, { roundId: round.id, candidate: late, now: at(31 * MIN) })).toMatchObject({ ok: false, reason: 'closed' })
	})

	test('starting twice at once gives one attempt; starting again resumes it', async () => {
		const { db, round } = await openRound()
		const person = await createPerson(db)
		const results = await Promise.all([1, 2, 3].map(() => startAttempt(db, { roundId: round.id, candidate: person, now: T0 })))
		const ids = new Set(results.map((r) => (r.ok ? r.attemptId : r.reason)))
		expect(ids.size).toBe(1)
		expect(await db.attempt.count({ where: { roundId: round.id, userId: person.id } })).toBe(1)
		const again = await startAttempt(db, { roundId: round.id, candidate: person, now: at(MIN) })
		expect(again).toMatchObject({ ok: true, resumed: true, attemptId: [...ids][0] })
	})

	test('a class double-clicking start at once: every click of a person lands on their one attempt', async () => {
		const { db, round } = await openRound()
		const people = await Promise.all(Array.from({ length: 8 }, () => createPerson(db)))
		const results = await Promise.all(people.flatMap((person) => [1, 2, 3, 4].map(() => startAttempt(db, { roundId: round.id, candidate: person, now: T0 }).then((result) => ({ person, result })))))
		for (const person of people) {
			const theirs = results.filter((entry) => entry.person === person).map((entry) => (entry.result.ok ? entry.result.attemptId : entry.result.reason))
			expect(new Set(theirs).size, `${person.id}: ${theirs.join(', ')}`).toBe(1)
			expect(theirs[0]).not.toBe('no_attempts_left')
		}
		expect(await db.attempt.count({ where: { roundId: round.id } })).toBe(people.length)
	})

	test('attempts allowed, window and publication are enforced', async () => {
		const { db, round, person, attemptId } = await started()
		await submitAttempt(db, { attemptId, userId: person.id, now: at(MIN) })
		expect(await startAttempt(db, { roundId: round.id, candidate: person, now: at(2 * MIN) })).toMatchObject({ ok: false, reason: 'no_attempts_left' })
		const early = await createPerson(db)
		expect(await startAttempt(db, { roundId: round.id, candidate: early, now: at(-2 * 3600_000) })).toMatchObject({ ok: false, reason: 'not_open_yet' })
		const draft = await createRound(db, T0, { status: 'draft' })
		expect(await startAttempt(db, { roundId: draft.id, candidate: early, now: T0 })).toMatchObject({ ok: false, reason: 'not_published' })
	})

	test('eligibility: units with their sub-units, roles and named people', async () => {
		const db = await getDb()
		await createBankQuestions(db, 'single', 2)
		const district = await createUnit(db, { kind: 'bureau' })
		const department = await createUnit(db, { parentId: district.id })
		const elsewhere = await createUnit(db)
		const inSubUnit = await createPerson(db, { unitId: department.id })
		const outsider = await createPerson(db, { unitId: elsewhere.id })
		const named = await createPerson(db, { unitId: elsewhere.id })
		const mentor = await createPerson(db, { unitId: elsewhere.id, roles: ['mentor'] })
		const round = await createRound(db, T0, {
			eligibility: [
				{ kind: 'unit', value: district.id },
				{ kind: 'user', value: named.id },
				{ kind: 'role', value: 'mentor' },
			],
		})
		for (const person of [inSubUnit, named, mentor]) {
			expect(await startAttempt(db, { roundId: round.id, candidate: person, now: T0 })).toMatchObject({ ok: true })
		}
		expect(await startAttempt(db, { roundId: round.id, candidate: outsider, now: T0 })).toMatchObject({ ok: false, reason: 'not_eligible' })
		// Without rows a round is for learners.
		const open = await createRound(db, T0)
		expect(await startAttempt(db, { roundId: open.id, candidate: outsider, now: T0 })).toMatchObject({ ok: true })
		expect(await startAttempt(db, { roundId: open.id, candidate: mentor, now: T0 })).toMatchObject({ ok: false, reason: 'not_eligible' })
	})

	test('a save applies only above the stored sequence number; a retry or late arrival is a no-op', async () => {
		const { db, person, attemptId, choice } = await started()
		const save = (seq: number, key: string, now = at(MIN)) =>
			saveAnswer(db, { attemptId, userId: person.id, request: { position: 1, seq, answer: choice(1, key) }, now })
		expect(await save(5, 'A')).toMatchObject({ status: 'applied', seq: 5, deadline: at(60 * MIN).toISOString(), serverNow: at(MIN).toISOString() })
		// The stored answer comes back as the page names it: the option id, not the key letter.
		expect(await save(5, 'A')).toMatchObject({ status: 'stale', seq: 5, answer: choice(1, 'A') })
		expect(await save(3, 'C')).toMatchObject({ status: 'stale', seq: 5, answer: choice(1, 'A') })
		expect(await save(6, 'D')).toMatchObject({ status: 'applied', seq: 6 })
		const row = await db.attemptQuestion.findFirstOrThrow({ where: { attemptId, position: 1 } })
		expect([row.answer, row.seq, row.savedAt]).toEqual(['"D"', 6, at(MIN)])
	})

	test('saves racing in any order leave the highest sequence number stored', async () => {
		const { db, person, attemptId, answerFor } = await started()
		const seqs = Array.from({ length: 30 }, (_, i) => i + 1).sort(() => Math.random() - 0.5)
		const outcomes = await Promise.all(
			seqs.map((seq) => saveAnswer(db, { attemptId, userId: person.id, request: { position: 2, seq, answer: answerFor(2, seq) }, now: at(MIN) })),
		)
		expect(outcomes.every((o) => o.status === 'applied' || o.status === 'stale')).toBe(true)
		const row = await db.attemptQuestion.findFirstOrThrow({ where: { attemptId, position: 2 } })
		expect([row.seq, row.answer]).toEqual([30, '"C"'])
	})

	test('grace: a save arriving within 10 s after the deadline is kept, a later one is refused', async () => {
		const { db, person, attemptId, choice } = await started({ timeLimitMinutes: 10 })
		const deadline = at(10 * MIN)
		const inGrace = await saveAnswer(db, { attemptId, userId: person.id, request: { position: 1, seq: 1, answer: choice(1, 'A') }, now: new Date(deadline.getTime() + SAVE_GRACE_MS) })
		expect(inGrace.status).toBe('applied')
		const late = await saveAnswer(db, { attemptId, userId: person.id, request: { position: 1, seq: 2, answer: choice(1, 'B') }, now: new Date(deadline.getTime() + SAVE_GRACE_MS + 1) })
		expect(late).toMatchObject({ status: 'closed', message: expect.stringContaining('截止') })
		const attempt = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, include: { questions: { where: { position: 1 } } } })
		expect(attempt.questions[0]!.answer).toBe('"A"')
		// The refused save closed the attempt on the way, finished at the deadline.
		expect([attempt.status, attempt.finishedAt]).toEqual(['expired', deadline])
	})

	/** Each question's stored row must be the highest-numbered acknowledged save, and no refused save may be stored. */
	async function expectAcknowledgedKept(db: Awaited<ReturnType<typeof getDb>>, attemptId: string, sent: { position: number; seq: number }[], outcomes: (SaveOutcome | InvalidSave)[]) {
		const rows = await db.attemptQuestion.findMany({ where: { attemptId }, select: { position: true, seq: true } })
		for (const row of rows) {
			const applied = sent.filter((s, i) => s.position === row.position && outcomes[i]!.status === 'applied').map((s) => s.seq)
			const refused = sent.filter((s, i) => s.position === row.position && outcomes[i]!.status === 'closed').map((s) => s.seq)
			expect(row.seq).toBe(Math.max(0, ...applied))
			expect(refused).not.toContain(row.seq)
		}
	}

	test('deadline race: saves racing a submit are either stored or refused, never lost after an acknowledgement', async () => {
		const { db, person, attemptId, answerFor } = await started()
		const sent = Array.from({ length: 24 }, (_, i) => ({ position: (i % 3) + 1, seq: i + 1 }))
		const [outcomes] = await Promise.all([
			Promise.all(sent.map((s) => saveAnswer(db, { attemptId, userId: person.id, request: { ...s, answer: answerFor(s.position, s.seq) }, now: at(MIN) }))),
			submitAttempt(db, { attemptId, userId: person.id, now: at(MIN) }),
		])
		// On PostgreSQL a lower number may arrive after a higher one: stale, and harmless.
		expect(outcomes.every((o) => ['applied', 'stale', 'closed'].includes(o.status))).toBe(true)
		await expectAcknowledgedKept(db, attemptId, sent, outcomes)
	})

	test('deadline race: saves inside the grace racing the sweep; the sweep still finishes at the deadline', async () => {
		const { db, person, attemptId, answerFor } = await started({ timeLimitMinutes: 5 })
		const deadline = at(5 * MIN)
		const sent = Array.from({ length: 24 }, (_, i) => ({ position: (i % 3) + 1, seq: i + 1 }))
		const [outcomes] = await Promise.all([
			Promise.all(sent.map((s) => saveAnswer(db, { attemptId, userId: person.id, request: { ...s, answer: answerFor(s.position, s.seq) }, now: new Date(deadline.getTime() + 9000) }))),
			closeExpiredAttempts(db, new Date(deadline.getTime() + SAVE_GRACE_MS + 1000)),
		])
		await expectAcknowledgedKept(db, attemptId, sent, outcomes)
		const attempt = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })
		expect([attempt.status, attempt.finishedAt]).toEqual(['expired', deadline])
	})

	test('someone else cannot save into or read an attempt', async () => {
		const { db, attemptId, choice } = await started()
		const other = await createPerson(db)
		expect(await saveAnswer(db, { attemptId, userId: other.id, request: { position: 1, seq: 1, answer: choice(1, 'A') }, now: at(MIN) })).toEqual({ status: 'not_found' })
		expect(await getLearnerAttempt(db, { attemptId, userId: other.id, now: at(MIN) })).toBeNull()
		expect(await submitAttempt(db, { attemptId, userId: other.id, now: at(MIN) })).toEqual({ ok: false, reason: 'not_found' })
	})

	test('the sweep closes attempts past deadline + grace with finishedAt = deadline, once', async () => {
		const { db, attemptId } = await started({ timeLimitMinutes: 5 })
		const deadline = at(5 * MIN)
		expect(await closeExpiredAttempts(db, new Date(deadline.getTime() + SAVE_GRACE_MS))).not.toContain(attemptId)
		const sweptAt = at(17 * MIN)
		const [first, second] = await Promise.all([closeExpiredAttempts(db, sweptAt), closeExpiredAttempts(db, sweptAt)])
		expect([...first!, ...second!].filter((id) => id === attemptId)).toHaveLength(1)
		const attempt = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })
		expect([attempt.status, attempt.finishedAt]).toEqual(['expired', deadline])
	})

	test('reading an expired attempt closes it lazily', async () => {
		const { db, person, attemptId } = await started({ timeLimitMinutes: 5 })
		const view = await getLearnerAttempt(db, { attemptId, userId: person.id, now: at(6 * MIN) })
		expect(view).toMatchObject({ status: 'expired', finishedAt: at(5 * MIN).toISOString() })
	})

	test('a double submit gives one result', async () => {
		const { db, person, attemptId, choice } = await started()
		const results = await Promise.all([1, 2, 3, 4].map(() => submitAttempt(db, { attemptId, userId: person.id, now: at(2 * MIN) })))
		expect(results.filter((r) => r.ok && r.submittedNow)).toHaveLength(1)
		expect(results.every((r) => r.ok && r.status === 'submitted')).toBe(true)
		const attempt = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })
		expect([attempt.status, attempt.finishedAt]).toEqual(['submitted', at(2 * MIN)])
		expect(await saveAnswer(db, { attemptId, userId: person.id, request: { position: 1, seq: 9, answer: choice(1, 'A') }, now: at(3 * MIN) })).toMatchObject({
			status: 'closed',
			message: '本次考试已交卷，答案不能再修改。',
		})
	})

	test('submit and the deadline close both grade the attempt objectively', async () => {
		const { db, person, attemptId, choice } = await started()
		const paper = await db.attemptQuestion.findMany({ where: { attemptId }, orderBy: { position: 'asc' }, include: { questionVersion: true } })
		const first = paper[0]!
		await saveAnswer(db, { attemptId, userId: person.id, request: { position: 1, seq: 1, answer: choice(1, JSON.parse(first.questionVersion.answerKey) as string) }, now: at(MIN) })
		await submitAttempt(db, { attemptId, userId: person.id, now: at(2 * MIN) })
		const graded = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })
		expect([graded.gradingStatus, graded.score]).toEqual(['complete', first.points])

		const other = await started({ timeLimitMinutes: 5 })
		await closeExpiredAttempts(other.db, at(6 * MIN))
		const closed = await other.db.attempt.findUniqueOrThrow({ where: { id: other.attemptId } })
		// The bare close leaves grading to the sweep, which grades what is still pending.
		await sweepAttempts(other.db, at(6 * MIN))
		const swept = await other.db.attempt.findUniqueOrThrow({ where: { id: other.attemptId } })
		expect([closed.status, swept.gradingStatus, swept.score]).toEqual(['expired', 'complete', 0])
	})

	test('a submit within the grace ends the paper at the deadline; after it the attempt is expired', async () => {
		const { db, person, attemptId } = await started({ timeLimitMinutes: 5 })
		expect(await submitAttempt(db, { attemptId, userId: person.id, now: at(5 * MIN + 4000) })).toMatchObject({ status: 'submitted', submittedNow: true })
		expect((await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).finishedAt).toEqual(at(5 * MIN))
		const other = await started({ timeLimitMinutes: 5 })
		expect(await submitAttempt(other.db, { attemptId: other.attemptId, userId: other.person.id, now: at(6 * MIN) })).toMatchObject({ status: 'expired', submittedNow: false })
	})

	test('reload or another device resumes with every saved answer and the highest sequence number', async () => {
		const { db, person, attemptId, choice } = await started()
		await saveAnswer(db, { attemptId, userId: person.id, request: { position: 1, seq: 11, answer: choice(1, 'C') }, now: at(MIN) })
		await saveAnswer(db, { attemptId, userId: person.id, request: { position: 3, seq: 12, answer: true }, now: at(MIN) })
		const view = await getLearnerAttempt(db, { attemptId, userId: person.id, now: at(2 * MIN) })
		expect(view?.maxSeq).toBe(12)
		expect(view?.questions.map((q) => q.answer)).toEqual([choice(1, 'C'), null, true])
	})
})
