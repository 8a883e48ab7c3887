// Starting (or resuming) an attempt: checks the window, eligibility and attempts left, draws
// the paper from a fresh seed, stores the deadline, and locks the drawn versions — all in one
// transaction, so a paper is never half-written.
import { randomBytes } from 'node:crypto'
import { drawPaper } from '#app/exams/rounds/draw.ts'
import { loadDrawCandidates, loadDrawRules } from '#app/exams/rounds/draw-pool.ts'
import { isEligible, type Candidate } from '#app/exams/rounds/eligibility.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { computeDeadline, effectiveCloseAt, isPastGrace } from '#app/exams/timing/deadline.ts'
import { finishClosedAttempts } from './finish.ts'
import { closeAttemptIfExpired } from './close-attempts.ts'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { DatabaseBusyError, isDatabaseBusy, isTransactionQueueTimeout, withBusyRetry } from '#app/utils/busy-retry.ts'

/** How long a start waits for its transaction's turn before the learner is told to try again. */
const START_TRANSACTION_MAX_WAIT_MS = 15_000

export type StartRefusal = 'not_found' | 'not_published' | 'not_open_yet' | 'closed' | 'not_eligible' | 'no_attempts_left' | 'paper_unavailable' | 'busy'
export type StartAttemptResult = { ok: true; attemptId: string; resumed: boolean } | { ok: false; reason: StartRefusal; message: string }

export function newAttemptSeed() {
	return randomBytes(16).toString('hex')
}

function refuse(reason: StartRefusal, message: string): StartAttemptResult {
	return { ok: false, reason, message }
}

async function findOpenAttempt(db: Db, roundId: string, userId: string, now: Date) {
	const open = await db.attempt.findFirst({ where: { roundId, userId, status: 'open' }, select: { id: true, deadline: true } })
	if (!open) return null
	if (isPastGrace(open.deadline, now)) {
		if (await closeAttemptIfExpired(db, open.id, now)) await finishClosedAttempts(db, [open.id])
		return null
	}
	return open
}

function isUniqueViolation(error: unknown) {
	return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}

/** What a learner reads when the database is too busy to start their paper now (nothing was written). */
export const START_BUSY_MESSAGE = '开考人数较多，系统繁忙，试卷暂未生成。请稍等几秒后再点“开始考试”。'

/**
 * Starts (or resumes) the candidate's paper. When the database stays too busy — another process
 * holding SQLite's lock, or a surge of starts queued past the transaction's wait — the learner is
 * told to try again ('busy'), never shown a 500; the paper is written in one transaction, so a
 * refused start left nothing behind.
 */
export async function startAttempt(db: Db, input: { roundId: string; candidate: Candidate; now: Date; seed?: string }): Promise<StartAttemptResult> {
	try {
		return await startAttemptOnce(db, input)
	} catch (error) {
		if (error instanceof DatabaseBusyError || isDatabaseBusy(error) || isTransactionQueueTimeout(error)) return refuse('busy', START_BUSY_MESSAGE)
		throw error
	}
}

async function startAttemptOnce(
	db: Db,
	{ roundId, candidate, now, seed = newAttemptSeed() }: { roundId: string; candidate: Candidate; now: Date; seed?: string },
): Promise<StartAttemptResult> {
	const round = await db.round.findUnique({
		where: { id: roundId },
		select: {
			status: true,
			opensAt: true,
			closesAt: true,
			timeLimitMinutes: true,
			attemptsAllowed: true,
			shuffleQuestions: true,
			shuffleOptions: true,
			accommodations: { where: { userId: candidate.id }, select: { extraMinutes: true, closesAt: true } },
		},
	})
	if (!round) return refuse('not_found', '找不到这轮考试。')
	if (round.status !== 'published') return refuse('not_published', '本轮考试尚未发布。')
	if (!(await isEligible(db, roundId, candidate))) return refuse('not_eligible', '你不在本轮考试的参考范围内，如有疑问请联系管理员。')

	// Counted before looking for an open attempt, not after: a start running alongside (a double
	// click, two tabs) that commits in between is then either already counted and found open
	// here (resumed), or not counted, so this start takes the same attempt number and the unique
	// key turns it into a resume below. Counted after, its attempt could be counted but not found,
	// and this start would wrongly say the attempts are used up.
	const used = await db.attempt.count({ where: { roundId, userId: candidate.id } })
	const open = await findOpenAttempt(db, roundId, candidate.id, now)
	if (open) return { ok: true, attemptId: open.id, resumed: true }

	const accommodation = round.accommodations[0]
	const closesAt = effectiveCloseAt(round.closesAt, accommodation?.closesAt)
	if (now < round.opensAt) return refuse('not_open_yet', `本轮考试将于 ${formatChinaDateTime(round.opensAt)} 开放。`)
	if (now >= closesAt) return refuse('closed', `本轮考试已于 ${formatChinaDateTime(closesAt)} 截止。`)

	if (used >= round.attemptsAllowed) return refuse('no_attempts_left', `你已用完本轮的 ${round.attemptsAllowed} 次作答机会。`)

	const rules = await loadDrawRules(db, roundId)
	const drawn = drawPaper(rules, await loadDrawCandidates(db, rules), {
		seed,
		shuffleQuestions: round.shuffleQuestions,
		shuffleOptions: round.shuffleOptions,
	})
	if (!drawn.ok) return refuse('paper_unavailable', '题库中可用题目不足，暂时无法组卷，请联系管理员。')

	const deadline = computeDeadline({
		startedAt: now,
		timeLimitMinutes: round.timeLimitMinutes,
		windowClosesAt: round.closesAt,
		personalClosesAt: accommodation?.closesAt,
		extraMinutes: accommodation?.extraMinutes,
	})
	const maxScore = drawn.questions.reduce((tenths, q) => tenths + Math.round(q.points * 10), 0) / 10
	try {
		// A surge of starts at the opening queues for the one writer (SQLite) or the pool: wait for
		// a turn well past Prisma's default 2 s, and retry a held SQLite lock, before answering busy.
		const attempt = await withBusyRetry(() =>
			db.$transaction(async (tx) => {
				const created = await tx.attempt.create({
					data: { roundId, userId: candidate.id, attemptNo: used + 1, seed, startedAt: now, deadline, maxScore },
					select: { id: true },
				})
				await tx.attemptQuestion.createMany({
					data: drawn.questions.map((question) => ({
						attemptId: created.id,
						questionVersionId: question.versionId,
						position: question.position,
						points: question.points,
						optionOrder: JSON.stringify(question.optionOrder),
					})),
				})
				await tx.questionVersion.updateMany({
					where: { id: { in: drawn.questions.map((question) => question.versionId) }, lockedAt: null },
					data: { lockedAt: now },
				})
				return created
			}, { maxWait: START_TRANSACTION_MAX_WAIT_MS, timeout: 30_000 }),
		)
		return { ok: true, attemptId: attempt.id, resumed: false }
	} catch (error) {
		// A second start by the same person (double click, two tabs) lost the race: resume theirs.
		if (!isUniqueViolation(error)) throw error
		const winner = await findOpenAttempt(db, roundId, candidate.id, now)
		if (winner) return { ok: true, attemptId: winner.id, resumed: true }
		return refuse('no_attempts_left', `你已用完本轮的 ${round.attemptsAllowed} 次作答机会。`)
	}
}
