// 人工评阅: the queue of 简答/案例 answers per round, shown without names. Graders mark
// blind (a second marker does not see the first mark); an arbitrator sees both. Every mark
// is audit-logged, and the attempt's total is recomputed in the same transaction.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { ESSAY_TYPES, type EssayType } from '#app/exams/bank/question-types.ts'
import { isUniqueViolationOn } from '#app/exams/bank/questions.ts'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { essayStage, markerSlotFor, STAGE_LABELS, type EssayStage, type MarkerNo, type MarkingSettings } from './final-score.ts'
import { CLOSED_ATTEMPT_STATUSES, hasEssayAnswer, regradeAttemptInTx } from './grade-attempt.ts'
import type { QueueView } from './queue-views.ts'
import { markInputSchema } from './mark-input.ts'

export { markInputSchema }

/** A stable label for a paper that says nothing about whose it is. */
export function anonymousLabel(roundId: string, attemptId: string) {
	return `答卷 ${createHash('sha256').update(`${roundId}:${attemptId}`).digest('hex').slice(0, 6).toUpperCase()}`
}

const essayAnswersOfRound = (roundId: string) => ({
	attempt: { roundId, status: { in: CLOSED_ATTEMPT_STATUSES } },
	questionVersion: { type: { in: [...ESSAY_TYPES] } },
})

type EssayRow = {
	id: string
	answer: string | null
	gradingMarks: { markerNo: number; score: number; graderId: string; comment: string | null }[]
}

function answeredEssays<T extends EssayRow>(rows: T[]) {
	return rows.filter((row) => hasEssayAnswer(row.answer))
}

async function markingSettings(db: DbOrTx, roundId: string): Promise<MarkingSettings & { title: string }> {
	return db.round.findUniqueOrThrow({ where: { id: roundId }, select: { title: true, secondMarkerEnabled: true, discrepancyThreshold: true } })
}

export type RoundGradingProgress = {
	roundId: string
	title: string
	total: number
	final: number
	first: number
	second: number
	arbitration: number
	secondMarkerEnabled: boolean
	discrepancyThreshold: number | null
}

/** Per round: how many answered essays there are and where each stands. */
export async function gradingProgress(db: DbOrTx, roundId: string): Promise<RoundGradingProgress> {
	const settings = await markingSettings(db, roundId)
	const rows = answeredEssays(
		await db.attemptQuestion.findMany({
			where: essayAnswersOfRound(roundId),
			select: { id: true, answer: true, gradingMarks: { select: { markerNo: true, score: true, graderId: true, comment: true } } },
		}),
	)
	const counts = { first: 0, second: 0, arbitration: 0, final: 0 }
	for (const row of rows) counts[essayStage(row.gradingMarks, settings).stage]++
	return {
		roundId,
		title: settings.title,
		total: rows.length,
		...counts,
		secondMarkerEnabled: settings.secondMarkerEnabled,
		discrepancyThreshold: settings.discrepancyThreshold,
	}
}

/** Rounds that have hand-graded answers, newest first, with their progress. */
export async function listGradingRounds(db: DbOrTx) {
	const rounds = await db.round.findMany({
		where: { attempts: { some: { status: { in: CLOSED_ATTEMPT_STATUSES }, questions: { some: { questionVersion: { type: { in: [...ESSAY_TYPES] } } } } } } },
		orderBy: [{ closesAt: 'desc' }, { id: 'asc' }],
		select: { id: true, season: { select: { name: true } } },
	})
	return Promise.all(rounds.map(async (round) => ({ seasonName: round.season.name, ...(await gradingProgress(db, round.id)) })))
}

export type GradingItem = {
	attemptQuestionId: string
	label: string
	position: number
	type: EssayType
	stem: string
	rubric: string | null
	referenceAnswer: string
	points: number
	answer: string
	stage: EssayStage
	stageLabel: string
	/** This grader's own mark, if any. */
	myMark: { markerNo: number; score: number; comment: string | null } | null
	/** The other marks, shown only to an arbitrator (blind marking otherwise). */
	otherMarks: { markerNo: number; score: number; comment: string | null }[]
	/** The marker this grader is or would be on this answer (1 first, 2 second, 3 arbitration). */
	markerNo: MarkerNo | null
	/** What this grader may do now. */
	canMark: boolean
	cannotMarkReason: string | null
}

const ITEM_SELECT = {
	id: true,
	position: true,
	points: true,
	answer: true,
	attempt: { select: { id: true, roundId: true, userId: true } },
	questionVersion: { select: { id: true, type: true, stem: true, rubric: true, answerKey: true } },
	gradingMarks: { orderBy: { markerNo: 'asc' as const }, select: { markerNo: true, score: true, graderId: true, comment: true } },
} as const

function toItem(
	row: {
		id: string
		position: number
		points: number
		answer: string | null
		attempt: { id: string; roundId: string; userId: string }
		questionVersion: { type: string; stem: string; rubric: string | null; answerKey: string }
		gradingMarks: { markerNo: number; score: number; graderId: string; comment: string | null }[]
	},
	settings: MarkingSettings,
	graderId: string,
): GradingItem {
	const stage = essayStage(row.gradingMarks, settings)
	const own = row.gradingMarks.find((mark) => mark.graderId === graderId) ?? null
	const slot = markerSlotFor(row.gradingMarks, settings, graderId)
	const isOwnPaper = row.attempt.userId === graderId
	const arbitrating = (slot.ok && slot.markerNo === 3) || own?.markerNo === 3
	return {
		attemptQuestionId: row.id,
		label: anonymousLabel(row.attempt.roundId, row.attempt.id),
		position: row.position,
		type: row.questionVersion.type as EssayType,
		stem: row.questionVersion.stem,
		rubric: row.questionVersion.rubric,
		referenceAnswer: z.string().parse(JSON.parse(row.questionVersion.answerKey)),
		points: row.points,
		answer: z.string().parse(JSON.parse(row.answer ?? '""')),
		stage,
		stageLabel: STAGE_LABELS[stage.stage],
		myMark: own ? { markerNo: own.markerNo, score: own.score, comment: own.comment } : null,
		otherMarks: arbitrating
			? row.gradingMarks.filter((mark) => mark.graderId !== graderId).map(({ markerNo, score, comment }) => ({ markerNo, score, comment }))
			: [],
		markerNo: slot.ok ? slot.markerNo : null,
		canMark: !isOwnPaper && slot.ok,
		cannotMarkReason: isOwnPaper ? '不能评阅自己的答卷' : slot.ok ? null : slot.reason,
	}
}

/**
 * The answers of a round for one grader: `todo` those waiting for a mark this grader may give,
 * `mine` those they marked, `all` every answered essay. Ordered by question, then label.
 */
export async function gradingQueue(db: DbOrTx, { roundId, graderId, view = 'todo' }: { roundId: string; graderId: string; view?: QueueView }) {
	const settings = await markingSettings(db, roundId)
	const rows = answeredEssays(await db.attemptQuestion.findMany({ where: essayAnswersOfRound(roundId), select: ITEM_SELECT }))
	const items = rows
		.map((row) => toItem(row, settings, graderId))
		.filter((item) => (view === 'todo' ? item.canMark && !item.myMark : view === 'mine' ? item.myMark !== null : true))
		.sort((a, b) => a.position - b.position || a.label.localeCompare(b.label))
	return { roundTitle: settings.title, settings: { secondMarkerEnabled: settings.secondMarkerEnabled, discrepancyThreshold: settings.discrepancyThreshold }, items }
}

/** The round's title, or null when there is no such round. */
export async function findGradingRound(db: DbOrTx, roundId: string) {
	return db.round.findUnique({ where: { id: roundId }, select: { id: true, title: true } })
}

/** The next answer waiting for this grader in a round, to go on marking without the list. */
export async function nextItemForGrader(db: DbOrTx, { roundId, graderId }: { roundId: string; graderId: string }) {
	const { items } = await gradingQueue(db, { roundId, graderId, view: 'todo' })
	return items[0]?.attemptQuestionId ?? null
}

export async function getGradingItem(db: DbOrTx, { attemptQuestionId, graderId }: { attemptQuestionId: string; graderId: string }) {
	const row = await db.attemptQuestion.findFirst({
		where: { id: attemptQuestionId, attempt: { status: { in: CLOSED_ATTEMPT_STATUSES } }, questionVersion: { type: { in: [...ESSAY_TYPES] } } },
		select: ITEM_SELECT,
	})
	if (!row || !hasEssayAnswer(row.answer)) return null
	const settings = await markingSettings(db, row.attempt.roundId)
	return { roundId: row.attempt.roundId, item: toItem(row, settings, graderId) }
}

export type MarkResult =
	| { ok: true; markerNo: number; stage: EssayStage; attemptScore: number; attemptStatus: string }
	| { ok: false; fieldErrors: Record<string, string[]> }

/**
 * Records (or changes) this grader's mark on an answer, then recomputes the answer's final
 * score and the attempt's total in the same transaction, with an audit entry.
 */
export async function recordMark(
	db: Db,
	{ attemptQuestionId, graderId, score, comment }: { attemptQuestionId: string; graderId: string; score: unknown; comment?: unknown },
	now = new Date(),
): Promise<MarkResult> {
	const target = await db.attemptQuestion.findUnique({ where: { id: attemptQuestionId }, select: { points: true } })
	if (!target) return { ok: false, fieldErrors: { form: ['答案不存在'] } }
	const parsed = markInputSchema(target.points).safeParse({ score, comment: comment ?? '' })
	if (!parsed.success) {
		const fieldErrors: Record<string, string[]> = {}
		for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? 'form')] ??= []).push(issue.message)
		return { ok: false, fieldErrors }
	}
	try {
		return await auditedTransaction(db, async (tx): Promise<MarkResult> => {
			const found = await getGradingItem(tx, { attemptQuestionId, graderId })
			if (!found) return { ok: false, fieldErrors: { form: ['该答案不在评阅范围内（答卷未结束或不是主观题）'] } }
			const { item, roundId } = found
			if (!item.canMark || item.markerNo === null) return { ok: false, fieldErrors: { form: [item.cannotMarkReason ?? '不能评阅'] } }
			const markerNo = item.markerNo
			const data = { score: parsed.data.score, comment: parsed.data.comment || null }
			if (item.myMark) {
				await tx.gradingMark.update({ where: { attemptQuestionId_markerNo: { attemptQuestionId, markerNo } }, data })
			} else {
				await tx.gradingMark.create({ data: { attemptQuestionId, markerNo, graderId, ...data } })
			}
			const owner = await tx.attemptQuestion.findUniqueOrThrow({ where: { id: attemptQuestionId }, select: { attemptId: true } })
			const graded = await regradeAttemptInTx(tx, owner.attemptId, { now })
			const marks = await tx.gradingMark.findMany({ where: { attemptQuestionId }, select: { markerNo: true, score: true, graderId: true } })
			const settings = await markingSettings(tx, roundId)
			const stage = essayStage(marks, settings)
			await writeAuditLog(tx, {
				actorId: graderId,
				action: item.myMark ? 'grading.mark.change' : 'grading.mark.create',
				targetType: 'AttemptQuestion',
				targetId: attemptQuestionId,
				summary: `${item.label} 第${item.position}题 ${['', '初评', '复评', '仲裁'][markerNo]}${item.myMark ? `由 ${item.myMark.score} 分改为` : ''} ${data.score} 分`,
				before: item.myMark ? { score: item.myMark.score, comment: item.myMark.comment } : null,
				after: { markerNo, ...data, stage: stage.stage, attemptScore: graded.score },
			})
			return { ok: true, markerNo, stage, attemptScore: graded.score, attemptStatus: graded.gradingStatus }
		})
	} catch (error) {
		// Another grader took the same marker slot a moment earlier.
		if (isUniqueViolationOn(error, 'markerNo')) return { ok: false, fieldErrors: { form: ['其他评阅人刚刚评阅了此答案，请刷新后重试'] } }
		throw error
	}
}
