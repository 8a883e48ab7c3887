// Builders for exam tests: people, a small bank, and a published round. They write through
// the real bank code (insertQuestion) so the rows look exactly like production ones.
import { randomUUID } from 'node:crypto'
import type { QuestionContentInput, QuestionType } from '#app/exams/bank/question-types.ts'
import type { Topic } from '#app/utils/topics.ts'
import { QuestionContentSchema } from '#app/exams/bank/question-types.ts'
import { insertQuestion } from '#app/exams/bank/questions.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { hashPassword } from '#app/utils/password.server.ts'
import { paperAnswerFor } from '#app/exams/attempts/option-ids.server.ts'
import { saveAnswer } from '#app/exams/attempts/save-answer.server.ts'
import { simulatedAnswer } from '#app/exams/attempts/simulated-answers.ts'
import { startAttempt } from '#app/exams/attempts/start-attempt.server.ts'
import { submitAttempt } from '#app/exams/attempts/submit-attempt.ts'
import { columnsToContent, VERSION_CONTENT_SELECT } from '#app/exams/bank/version-content.server.ts'
import type { Candidate } from './eligibility.ts'

export function uniqueTag() {
	return randomUUID().slice(0, 8)
}

export async function createUnit(db: Db, { name = `单位${uniqueTag()}`, parentId = null as string | null, kind = 'department' } = {}) {
	return db.unit.create({ data: { name, kind, parentId }, select: { id: true, name: true } })
}

export async function createPerson(
	db: Db,
	{ roles = ['learner'], unitId, name }: { roles?: string[]; unitId?: string; name?: string } = {},
): Promise<Candidate & { name: string }> {
	const unit = unitId ?? (await createUnit(db)).id
	const tag = uniqueTag()
	const user = await db.user.create({
		data: { username: `u${tag}`, name: name ?? `考生${tag}`, unitId: unit, roles: { create: roles.map((role) => ({ role })) } },
		select: { id: true, unitId: true, name: true },
	})
	return { ...user, roles }
}

export function questionContent(type: QuestionType, { topic = 'fiscal', difficulty = 3 }: { topic?: Topic; difficulty?: number } = {}): QuestionContentInput {
	const stemTag = `【${uniqueTag()}】`
	const common = { topic, difficulty, points: 1, explanation: `解析${stemTag}`, tags: [], regulation: null, lessonRefs: [], problemRefs: [] }
	const options = ['甲', '乙', '丙', '丁'].map((text, index) => ({ key: 'ABCD'[index]!, text: `${text}${stemTag}` }))
	switch (type) {
		case 'single':
			return { ...common, type, stem: `单选题${stemTag}`, options, answerKey: 'B', rubric: null } as QuestionContentInput
		case 'multiple':
			return { ...common, type, stem: `多选题${stemTag}`, options, answerKey: ['A', 'C'], rubric: null } as QuestionContentInput
		case 'true_false':
			return { ...common, type, stem: `判断题${stemTag}`, options: [], answerKey: true, rubric: null } as QuestionContentInput
		case 'fill_blank':
			return { ...common, type, stem: `填空题${stemTag}：预算由____审批。`, options: [], answerKey: [['人大', '人民代表大会']], rubric: null } as QuestionContentInput
		default:
			return { ...common, type, stem: `主观题${stemTag}`, options: [], answerKey: `参考答案${stemTag}`, rubric: `评分要点${stemTag}` } as QuestionContentInput
	}
}

export async function createBankQuestion(
	db: Db,
	type: QuestionType,
	options: { topic?: Topic; difficulty?: number; status?: 'draft' | 'active' | 'retired' } = {},
) {
	const content = QuestionContentSchema.parse(questionContent(type, options))
	return db.$transaction((tx) => insertQuestion(tx, { content, status: options.status ?? 'active', actorId: null }))
}

export async function createBankQuestions(db: Db, type: QuestionType, count: number, options: { topic?: Topic; difficulty?: number; status?: 'draft' | 'active' | 'retired' } = {}) {
	const created = []
	for (let i = 0; i < count; i++) created.push(await createBankQuestion(db, type, options))
	return created
}

// Seasons are unique per year: each test file counts up from its own random base.
let seasonYear = 3000 + Math.floor(Math.random() * 1_000_000)

type RoundOverrides = {
	opensAt?: Date
	closesAt?: Date
	timeLimitMinutes?: number
	attemptsAllowed?: number
	status?: string
	rules?: { topic: string; type: string; difficulty: number | null; count: number; pointsEach: number }[]
	eligibility?: { kind: string; value: string }[]
	shuffleQuestions?: boolean
	shuffleOptions?: boolean
	reviewOpensAt?: Date | null
}

/** A round in its own season (years above 3000, so tests never collide with real seasons). */
export async function createRound(db: Db, now: Date, overrides: RoundOverrides = {}) {
	const season = await db.season.create({ data: { year: seasonYear++, name: `测试赛季${uniqueTag()}` } })
	const rules = overrides.rules ?? [{ topic: 'fiscal', type: 'single', difficulty: null, count: 2, pointsEach: 2 }]
	return db.round.create({
		data: {
			seasonId: season.id,
			position: 1,
			title: `测试轮次${uniqueTag()}`,
			topic: 'fiscal',
			status: overrides.status ?? 'published',
			opensAt: overrides.opensAt ?? new Date(now.getTime() - 3600_000),
			closesAt: overrides.closesAt ?? new Date(now.getTime() + 3 * 3600_000),
			timeLimitMinutes: overrides.timeLimitMinutes ?? 60,
			attemptsAllowed: overrides.attemptsAllowed ?? 1,
			shuffleQuestions: overrides.shuffleQuestions ?? true,
			shuffleOptions: overrides.shuffleOptions ?? true,
			reviewOpensAt: overrides.reviewOpensAt ?? null,
			drawRules: { create: rules.map((rule, index) => ({ ...rule, position: index + 1 })) },
			eligibility: { create: overrides.eligibility ?? [] },
		},
	})
}

/** A person sits the round: answers each question right or wrong by `isRight(position)`, then submits. */
export async function sitRound(
	db: Db,
	{ roundId, person, startAt, isRight }: { roundId: string; person: Candidate; startAt: Date; isRight: (position: number) => boolean },
) {
	const started = await startAttempt(db, { roundId, candidate: person, now: startAt })
	if (!started.ok) throw new Error(started.message)
	const questions = await db.attemptQuestion.findMany({
		where: { attemptId: started.attemptId },
		orderBy: { position: 'asc' },
		select: { position: true, questionVersion: { select: VERSION_CONTENT_SELECT } },
	})
	for (const question of questions) {
		const content = columnsToContent(question.questionVersion)
		const answer = paperAnswerFor(started.attemptId, question.position, content.type, simulatedAnswer(content, isRight(question.position)))
		await saveAnswer(db, { attemptId: started.attemptId, userId: person.id, request: { position: question.position, seq: question.position, answer }, now: startAt })
	}
	await submitAttempt(db, { attemptId: started.attemptId, userId: person.id, now: new Date(startAt.getTime() + 60_000) })
	return started.attemptId
}

/** Someone who can sign in through the real form (browser tests). */
export async function createLoginPerson(db: Db, { roles = ['learner'], password }: { roles?: string[]; password: string }) {
	const person = await createPerson(db, { roles })
	const hash = await hashPassword(password)
	const user = await db.user.update({
		where: { id: person.id },
		data: { mustChangePassword: false, password: { create: { hash } } },
		select: { username: true },
	})
	return { ...person, username: user.username }
}

export const BROWSER_PAPER_TYPES = ['single', 'multiple', 'true_false', 'fill_blank', 'short_answer'] as const

/**
 * A published round open now, only for the given people, drawn from whatever active bank the
 * database holds: two single choice, then one each of the other types, in that order.
 */
export async function createBrowserRound(
	db: Db,
	now: Date,
	{
		userIds,
		closesInMs = 2 * 3600_000,
		timeLimitMinutes = 60,
		types = BROWSER_PAPER_TYPES,
		questionsPerType,
	}: {
		userIds: string[]
		closesInMs?: number
		timeLimitMinutes?: number
		types?: readonly (typeof BROWSER_PAPER_TYPES)[number][]
		/** A paper of quarterly size (about 30 questions) instead of the short default; capped by what the bank holds. */
		questionsPerType?: number
	},
) {
	const rules = []
	for (const type of types) {
		const byTopic = await db.question.groupBy({ by: ['topic'], where: { status: 'active', type, currentVersionId: { not: null } }, _count: { _all: true } })
		const topic = byTopic.sort((a, b) => b._count._all - a._count._all)[0]
		const count = questionsPerType ? Math.min(questionsPerType, topic?._count._all ?? 0) : type === 'single' ? 2 : 1
		if (!topic || count < 1 || topic._count._all < count) throw new Error(`题库中没有足够的启用${type}题`)
		rules.push({ topic: topic.topic, type, difficulty: null, count, pointsEach: type === 'short_answer' ? 10 : 2 })
	}
	return createRound(db, now, {
		opensAt: new Date(now.getTime() - 60_000),
		closesAt: new Date(now.getTime() + closesInMs),
		timeLimitMinutes,
		shuffleQuestions: false,
		rules,
		eligibility: userIds.map((value) => ({ kind: 'user', value })),
	})
}
