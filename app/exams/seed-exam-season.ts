// Demo data for the exams: a 2026 season from the 3+1 template with one round open now and
// one already closed, sat and graded by the demo learners. Idempotent: a second run finds
// the season and the rounds it prepared and changes nothing. Called by prisma/seed.ts after
// the people and the question bank exist.
import { ESSAY_TYPES } from '#app/exams/bank/question-types.ts'
import { columnsToContent, VERSION_CONTENT_SELECT } from '#app/exams/bank/version-content.server.ts'
import { paperAnswerFor } from '#app/exams/attempts/option-ids.server.ts'
import { saveAnswer } from '#app/exams/attempts/save-answer.server.ts'
import { simulatedAnswer } from '#app/exams/attempts/simulated-answers.ts'
import { startAttempt } from '#app/exams/attempts/start-attempt.server.ts'
import { submitAttempt } from '#app/exams/attempts/submit-attempt.ts'
import { sweepAttempts } from '#app/exams/sweep.server.ts'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import type { DrawCandidate, DrawRuleSpec } from '#app/exams/rounds/draw.ts'
import { loadDrawCandidates, loadDrawRules } from '#app/exams/rounds/draw-pool.ts'
import { publishRound } from '#app/exams/rounds/publish.ts'
import { DEFAULT_RELEASE, type ReleaseTiming } from '#app/exams/timing/release-options.ts'
import { createRandom } from '#app/exams/rounds/seeded-random.ts'
import { createSeasonFromTemplate } from '#app/exams/rounds/season.ts'

export const DEMO_SEASON_YEAR = 2026
const DAY_MS = 24 * 60 * 60_000
const MINUTE_MS = 60_000

/** The template's rules cut down to what the bank holds, so the demo rounds can be drawn. */
export function fitRulesToBank(rules: readonly DrawRuleSpec[], candidates: readonly DrawCandidate[], { leaveOut = [] as readonly string[] } = {}) {
	const taken = new Set<string>()
	const fitted: DrawRuleSpec[] = []
	const order = [...rules].filter((r) => !leaveOut.includes(r.type)).sort((a, b) => Number(a.difficulty == null) - Number(b.difficulty == null) || a.position - b.position)
	for (const rule of order) {
		const free = candidates.filter((c) => c.topic === rule.topic && c.type === rule.type && (rule.difficulty == null || c.difficulty === rule.difficulty) && !taken.has(c.questionId))
		// Leave a few questions spare so papers differ between people.
		const count = Math.min(rule.count, Math.max(0, free.length - Math.ceil(free.length / 4)), free.length)
		if (count === 0) continue
		for (const candidate of free.slice(0, count)) taken.add(candidate.questionId)
		fitted.push({ ...rule, count })
	}
	return fitted.sort((a, b) => a.position - b.position).map((rule, index) => ({ ...rule, position: index + 1 }))
}

function quarterOf(date: Date) {
	const china = new Date(date.getTime() + 8 * 3600_000)
	return { year: china.getUTCFullYear(), quarter: Math.floor(china.getUTCMonth() / 3) + 1 }
}

/** The current quarter's round is open and the one before it closed; early in the year or outside 2026, rounds 2 and 1. */
export function demoRoundPositions(now: Date) {
	const { year, quarter } = quarterOf(now)
	if (year !== DEMO_SEASON_YEAR || quarter === 1) return { open: 2, closed: 1 }
	return { open: quarter, closed: quarter - 1 }
}

type DemoRoundSetup = {
	opensAt: Date
	closesAt: Date
	/** Question types left out (the closed round has no hand-marked questions). */
	leaveOut: readonly string[]
	/** Topics left out: the open round does not draw the closed round's topic (below). */
	leaveOutTopics?: readonly string[]
	scoreRelease: ReleaseTiming
	marksRelease: ReleaseTiming
}

async function prepareRound(db: Db, roundId: string, { opensAt, closesAt, leaveOut, leaveOutTopics = [], scoreRelease, marksRelease }: DemoRoundSetup) {
	const template = (await loadDrawRules(db, roundId)).filter((rule) => !leaveOutTopics.includes(rule.topic))
	const rules = fitRulesToBank(template, await loadDrawCandidates(db, template), { leaveOut })
	if (rules.length === 0) throw new Error('题库中没有可用于演示轮次的启用题目，请先写入题库演示数据。')
	await db.$transaction(async (tx) => {
		await tx.round.update({ where: { id: roundId }, data: { opensAt, closesAt, timeLimitMinutes: 60, scoreRelease, marksRelease } })
		await tx.drawRule.deleteMany({ where: { roundId } })
		await tx.drawRule.createMany({ data: rules.map((rule) => ({ ...rule, roundId })) })
	})
}

async function sitDemoAttempts(db: Db, roundId: string, opensAt: Date, now: Date) {
	const learners = await db.user.findMany({
		where: { active: true, roles: { some: { role: 'learner' } } },
		orderBy: { username: 'asc' },
		select: { id: true, unitId: true, username: true, roles: { select: { role: true } } },
	})
	for (const [index, learner] of learners.entries()) {
		// Most sat it; a few did not.
		if (index % 9 === 8) continue
		const candidate = { id: learner.id, unitId: learner.unitId, roles: learner.roles.map((r) => r.role) }
		const startedAt = new Date(opensAt.getTime() + ((index * 97) % 3000) * MINUTE_MS)
		const started = await startAttempt(db, { roundId, candidate, now: startedAt, seed: `demo-${learner.username}` })
		if (!started.ok) throw new Error(`演示考生 ${learner.username} 无法开始考试：${started.message}`)
		const ability = 0.45 + 0.5 * (((index * 37) % 100) / 100)
		const random = createRandom(`demo-answers-${learner.username}`)
		const questions = await db.attemptQuestion.findMany({
			where: { attemptId: started.attemptId },
			orderBy: { position: 'asc' },
			select: { position: true, questionVersion: { select: VERSION_CONTENT_SELECT } },
		})
		for (const question of questions) {
			const content = columnsToContent(question.questionVersion)
			// A few questions left blank, as in any real sitting.
			if (random() < 0.04) continue
			// Sent as the page would send it: choices by the paper's option ids, not by key letter.
			const answer = paperAnswerFor(started.attemptId, question.position, content.type, simulatedAnswer(content, random() < ability))
			const request = { position: question.position, seq: question.position, answer }
			await saveAnswer(db, { attemptId: started.attemptId, userId: learner.id, request, now: new Date(startedAt.getTime() + question.position * MINUTE_MS) })
		}
		// Every sixth ran out of time and was closed by the server at the deadline.
		if (index % 6 !== 5) {
			const finishedAt = new Date(startedAt.getTime() + (25 + ((index * 13) % 30)) * MINUTE_MS)
			await submitAttempt(db, { attemptId: started.attemptId, userId: learner.id, now: finishedAt })
		}
	}
	await sweepAttempts(db, now)
}

export async function seedExamSeason(db: Db, { now }: { now: Date }) {
	const admin = await db.user.findFirst({ where: { roles: { some: { role: 'admin' } } }, orderBy: { username: 'asc' }, select: { id: true } })
	let season = await db.season.findUnique({ where: { year: DEMO_SEASON_YEAR }, select: { id: true } })
	if (!season) {
		const created = await createSeasonFromTemplate(db, { year: DEMO_SEASON_YEAR, actorId: admin?.id ?? null })
		if (!created.ok) throw new Error(created.message)
		season = { id: created.seasonId }
	}
	const positions = demoRoundPositions(now)
	const rounds = await db.round.findMany({ where: { seasonId: season.id }, select: { id: true, position: true, status: true, title: true, _count: { select: { attempts: true } } } })
	const closed = rounds.find((r) => r.position === positions.closed)!
	const open = rounds.find((r) => r.position === positions.open)!

	if (closed.status === 'draft') {
		const opensAt = new Date(now.getTime() - 14 * DAY_MS)
		// Graded automatically end to end: the closed demo round has no hand-marked questions.
		// Its total shows once the window has closed, the marks per question with the review.
		await prepareRound(db, closed.id, { opensAt, closesAt: new Date(now.getTime() - 7 * DAY_MS), leaveOut: ESSAY_TYPES, scoreRelease: 'after_close', marksRelease: 'with_review' })
		await auditedTransaction(db, async (tx) => {
			await tx.round.update({ where: { id: closed.id }, data: { status: 'published', publishedAt: new Date(opensAt.getTime() - DAY_MS) } })
			await writeAuditLog(tx, { actorId: admin?.id ?? null, action: 'round.publish', targetType: 'Round', targetId: closed.id, summary: `演示数据：发布已结束的轮次 ${closed.title}` }, now)
		})
	}
	if (closed._count.attempts === 0) {
		const round = await db.round.findUniqueOrThrow({ where: { id: closed.id }, select: { opensAt: true } })
		await sitDemoAttempts(db, closed.id, round.opensAt, now)
	}
	if (open.status === 'draft') {
		// The open round (the 综合 one late in the year) leaves out the closed round's topic: its
		// questions would otherwise be embargoed while this round is open (ADR 038), and the demo
		// would show an empty practice, 错题本 and review. 技能比武 default release: after the close.
		const closedTopic = (await db.round.findUniqueOrThrow({ where: { id: closed.id }, select: { topic: true } })).topic
		await prepareRound(db, open.id, {
			opensAt: new Date(now.getTime() - DAY_MS),
			closesAt: new Date(now.getTime() + 14 * DAY_MS),
			leaveOut: [],
			leaveOutTopics: [closedTopic],
			...DEFAULT_RELEASE,
		})
		const published = await publishRound(db, { roundId: open.id, actorId: admin?.id ?? null, now })
		if (!published.ok) throw new Error(published.messages.join('；'))
	}
	return { seasonId: season.id, openRoundId: open.id, closedRoundId: closed.id }
}
