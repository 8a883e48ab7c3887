// Real rows for integration tests of the bank and grading: people, a round with a grading
// policy, and closed attempts with answers, written straight to the test database.
import { randomBytes } from 'node:crypto'
import { createQuestion } from '#app/exams/bank/questions.ts'
import type { QuestionContentInput } from '#app/exams/bank/question-types.ts'
import type { Db } from '#app/utils/db-client.server.ts'

export function uniqueTag(prefix = 't') {
	return `${prefix}${randomBytes(4).toString('hex')}`
}

export async function createTestUser(db: Db, { name = '测试用户', roles = ['learner'] }: { name?: string; roles?: string[] } = {}) {
	const tag = uniqueTag('u')
	const unit = await db.unit.create({ data: { name: `测试单位${tag}`, kind: 'department' } })
	return db.user.create({
		data: { username: tag, name, unitId: unit.id, roles: { create: roles.map((role) => ({ role })) } },
		select: { id: true, name: true, username: true },
	})
}

export async function createTestQuestion(db: Db, input: QuestionContentInput, { actorId, status = 'active' }: { actorId: string; status?: 'draft' | 'active' }) {
	const result = await createQuestion(db, { input, status, actorId })
	if (!result.ok) throw new Error(`fixture question refused: ${JSON.stringify(result.fieldErrors)}`)
	return result
}

let seasonYear = 3000 + Math.floor(Math.random() * 5000)

export async function createTestRound(
	db: Db,
	policy: Partial<{
		multipleChoicePolicy: string
		partialCreditRatio: number
		fillBlankOrderInsensitive: boolean
		secondMarkerEnabled: boolean
		discrepancyThreshold: number | null
	}> = {},
) {
	const season = await db.season.create({ data: { year: seasonYear++, name: '测试赛季' } })
	return db.round.create({
		data: {
			seasonId: season.id,
			position: 1,
			title: '测试轮次',
			topic: 'fiscal',
			status: 'published',
			opensAt: new Date(Date.now() - 3 * 3600_000),
			closesAt: new Date(Date.now() - 3600_000),
			timeLimitMinutes: 60,
			...policy,
		},
	})
}

export type FixtureAnswer = { versionId: string; points: number; answer: unknown }

/** A closed attempt whose questions are the given versions, answered as given (undefined = unanswered). */
export async function createClosedAttempt(
	db: Db,
	{ roundId, userId, answers, status = 'submitted' }: { roundId: string; userId: string; answers: FixtureAnswer[]; status?: 'submitted' | 'expired' | 'open' },
) {
	const startedAt = new Date(Date.now() - 2 * 3600_000)
	const deadline = new Date(startedAt.getTime() + 3600_000)
	return db.attempt.create({
		data: {
			roundId,
			userId,
			seed: uniqueTag('seed'),
			startedAt,
			deadline,
			status,
			finishedAt: status === 'open' ? null : deadline,
			maxScore: answers.reduce((sum, a) => sum + a.points, 0),
			questions: {
				create: answers.map((a, position) => ({
					questionVersionId: a.versionId,
					position: position + 1,
					points: a.points,
					answer: a.answer === undefined ? null : JSON.stringify(a.answer),
					seq: a.answer === undefined ? 0 : 1,
					savedAt: a.answer === undefined ? null : startedAt,
				})),
			},
		},
		include: { questions: { orderBy: { position: 'asc' } } },
	})
}
