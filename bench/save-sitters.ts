// Learners with open attempts and signed-in cookies, for the benchmarks that post answer saves
// (answer-save, capacity). Imports the app's own modules, so the caller sets SESSION_SECRET
// and NODE_ENV first and imports this module dynamically.
import type { Db } from '#app/utils/db-client.server.ts'
import { createSession, commitSessionCookie } from '#app/utils/session.server.ts'
import { createBankQuestions, createRound } from '#app/exams/rounds/test-fixtures.ts'
import { startAttempt } from '#app/exams/attempts/start-attempt.server.ts'
import { optionIdFor } from '#app/exams/attempts/option-ids.server.ts'

/** optionIds[position - 1][k]: the page's id for option 'ABCD'[k] (ADR 037: saves name options by id, not letter). */
export type Sitter = { attemptId: string; cookie: string; optionIds: string[][] }

/** `learners` people, each signed in and sitting one round of `questions` single-choice questions. */
export async function seedSitters(db: Db, { learners, questions }: { learners: number; questions: number }): Promise<Sitter[]> {
	const unit = await db.unit.create({ data: { name: '压测单位', kind: 'department' } })
	await createBankQuestions(db, 'single', questions + 10)
	const now = new Date()
	const round = await createRound(db, now, { closesAt: new Date(now.getTime() + 6 * 3600_000), timeLimitMinutes: 240, rules: [{ topic: 'fiscal', type: 'single', difficulty: null, count: questions, pointsEach: 5 }] })
	const sitters: Sitter[] = []
	for (let i = 0; i < learners; i++) {
		const user = await db.user.create({
			data: { username: `bench${i}`, name: `压测考生${i}`, unitId: unit.id, mustChangePassword: false, roles: { create: [{ role: 'learner' }] } },
		})
		const started = await startAttempt(db, { roundId: round.id, candidate: { id: user.id, unitId: unit.id, roles: ['learner'] }, now })
		if (!started.ok) throw new Error(started.message)
		const { token } = await createSession(db, user.id)
		const cookie = (await commitSessionCookie(token)).split(';')[0]!
		const optionIds = Array.from({ length: questions }, (_, i) => [...'ABCD'].map((key) => optionIdFor(started.attemptId, i + 1, key)))
		sitters.push({ attemptId: started.attemptId, cookie, optionIds })
	}
	return sitters
}
