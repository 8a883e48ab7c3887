// The admins' side of 成绩申诉 (ADR 062): the queue, one appeal with what is needed to judge it
// (the question, the learner's answer, the key, the marks) and the way to regrade it, and which
// published rankings have accepted appeals since their last version (so they get republished).
import { isEssayType, QUESTION_TYPE_LABELS, type QuestionType } from '#app/exams/bank/question-types.ts'
import { columnsToContent, VERSION_CONTENT_SELECT } from '#app/exams/bank/version-content.server.ts'
import { parseStoredAnswer } from '#app/exams/attempts/save-answer.server.ts'
import { formatAnswer } from '#app/exams/import/answer-format.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { appealWindow, type AppealStatus, type AppealWindow } from './appeals-rules.ts'

export type AppealRow = {
	id: string
	status: AppealStatus
	learnerName: string
	unitName: string
	roundTitle: string
	position: number
	reason: string
	scoreAtFiling: number | null
	currentScore: number | null
	points: number
	createdAt: Date
	decidedAt: Date | null
	decidedByName: string | null
}

async function describe(db: DbOrTx, appeals: { id: string; userId: string; roundId: string; attemptQuestionId: string; position: number; reason: string; status: string; scoreAtFiling: number | null; createdAt: Date; decidedAt: Date | null; decidedByName: string | null }[]): Promise<AppealRow[]> {
	const [users, rounds, questions] = await Promise.all([
		db.user.findMany({ where: { id: { in: [...new Set(appeals.map((a) => a.userId))] } }, select: { id: true, name: true, unit: { select: { name: true } } } }),
		db.round.findMany({ where: { id: { in: [...new Set(appeals.map((a) => a.roundId))] } }, select: { id: true, title: true } }),
		db.attemptQuestion.findMany({ where: { id: { in: appeals.map((a) => a.attemptQuestionId) } }, select: { id: true, finalScore: true, points: true } }),
	])
	const userById = new Map(users.map((u) => [u.id, u]))
	const titleById = new Map(rounds.map((r) => [r.id, r.title]))
	const questionById = new Map(questions.map((q) => [q.id, q]))
	return appeals.map((a) => ({
		id: a.id,
		status: a.status as AppealStatus,
		learnerName: userById.get(a.userId)?.name ?? '（已删除）',
		unitName: userById.get(a.userId)?.unit.name ?? '',
		roundTitle: titleById.get(a.roundId) ?? '（已删除的轮次）',
		position: a.position,
		reason: a.reason,
		scoreAtFiling: a.scoreAtFiling,
		currentScore: questionById.get(a.attemptQuestionId)?.finalScore ?? null,
		points: questionById.get(a.attemptQuestionId)?.points ?? 0,
		createdAt: a.createdAt,
		decidedAt: a.decidedAt,
		decidedByName: a.decidedByName,
	}))
}

const ROW_SELECT = { id: true, userId: true, roundId: true, attemptQuestionId: true, position: true, reason: true, status: true, scoreAtFiling: true, createdAt: true, decidedAt: true, decidedByName: true } as const

/** The queue: open ones oldest first (first come, first answered), decided ones newest first. */
export async function listAppeals(db: DbOrTx, { status }: { status: AppealStatus | null }) {
	const rows = await db.appeal.findMany({
		where: status ? { status } : {},
		orderBy: status === 'open' ? [{ createdAt: 'asc' }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'desc' }],
		take: 500,
		select: ROW_SELECT,
	})
	const counts = await db.appeal.groupBy({ by: ['status'], _count: { _all: true } })
	return { appeals: await describe(db, rows), counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<Record<AppealStatus, number>> }
}

function formatLearnerAnswer(type: string, answer: ReturnType<typeof parseStoredAnswer>) {
	if (answer === null) return '（未作答）'
	if (typeof answer === 'boolean') return answer ? '正确' : '错误'
	if (typeof answer === 'string') return answer
	return type === 'fill_blank' ? answer.map((blank, i) => `第${i + 1}空：${blank}`).join('；') : answer.join('')
}

export type AppealDetail = AppealRow & {
	reply: string | null
	username: string
	typeLabel: string
	essay: boolean
	stem: string
	options: { key: string; text: string }[]
	learnerAnswer: string
	key: string
	marks: { markerNo: number; score: number; comment: string | null }[]
	/** Where the regrade is done: the key correction of this version, or the essay's marking page. */
	regradeLink: string
	window: AppealWindow | null
}

export async function getAppealDetail(db: DbOrTx, appealId: string): Promise<AppealDetail | null> {
	const appeal = await db.appeal.findUnique({ where: { id: appealId }, select: { ...ROW_SELECT, reply: true } })
	if (!appeal) return null
	const [row] = await describe(db, [appeal])
	const question = await db.attemptQuestion.findUniqueOrThrow({
		where: { id: appeal.attemptQuestionId },
		select: {
			answer: true,
			questionVersionId: true,
			gradingMarks: { orderBy: { markerNo: 'asc' }, select: { markerNo: true, score: true, comment: true } },
			questionVersion: { select: { questionId: true, ...VERSION_CONTENT_SELECT } },
		},
	})
	const content = columnsToContent(question.questionVersion)
	const [user, round] = await Promise.all([
		db.user.findUnique({ where: { id: appeal.userId }, select: { username: true } }),
		db.round.findUniqueOrThrow({ where: { id: appeal.roundId }, select: { id: true, seasonId: true, closesAt: true } }),
	])
	const essay = isEssayType(content.type)
	return {
		...row!,
		reply: appeal.reply,
		username: user?.username ?? '',
		typeLabel: QUESTION_TYPE_LABELS[content.type as QuestionType] ?? content.type,
		essay,
		stem: content.stem,
		options: 'options' in content && Array.isArray(content.options) ? content.options.map((o: { key: string; text: string }) => ({ key: o.key, text: o.text })) : [],
		learnerAnswer: formatLearnerAnswer(content.type, parseStoredAnswer(question.answer)),
		key: formatAnswer(content),
		marks: question.gradingMarks,
		regradeLink: essay ? `/grading/items/${appeal.attemptQuestionId}` : `/bank/${question.questionVersion.questionId}/key/${question.questionVersionId}`,
		window: await appealWindow(db, round),
	}
}

export type StalePublication = { scope: 'round' | 'season'; scopeId: string; title: string; version: number; acceptedSince: number }

/**
 * Published rankings (round or season) that have accepted appeals decided after their latest
 * version: the admin should build a new draft once the regrade is done, and republish.
 */
export async function acceptedAppealsSincePublication(db: DbOrTx): Promise<StalePublication[]> {
	const accepted = await db.appeal.findMany({ where: { status: 'accepted' }, select: { roundId: true, decidedAt: true } })
	if (accepted.length === 0) return []
	const rounds = await db.round.findMany({ where: { id: { in: [...new Set(accepted.map((a) => a.roundId))] } }, select: { id: true, seasonId: true } })
	const seasonOf = new Map(rounds.map((r) => [r.id, r.seasonId]))
	const snapshots = await db.rankingSnapshot.findMany({
		where: { OR: [{ scope: 'round', scopeId: { in: rounds.map((r) => r.id) } }, { scope: 'season', scopeId: { in: [...new Set(rounds.map((r) => r.seasonId))] } }] },
		orderBy: { version: 'desc' },
		select: { scope: true, scopeId: true, title: true, version: true, publishedAt: true },
	})
	const latest = new Map<string, (typeof snapshots)[number]>()
	for (const s of snapshots) if (!latest.has(`${s.scope}:${s.scopeId}`)) latest.set(`${s.scope}:${s.scopeId}`, s)
	const stale: StalePublication[] = []
	for (const s of latest.values()) {
		const acceptedSince = accepted.filter((a) => (s.scope === 'round' ? a.roundId === s.scopeId : seasonOf.get(a.roundId) === s.scopeId) && a.decidedAt && a.decidedAt > s.publishedAt).length
		if (acceptedSince > 0) stale.push({ scope: s.scope as 'round' | 'season', scopeId: s.scopeId, title: s.title, version: s.version, acceptedSince })
	}
	return stale.sort((a, b) => a.title.localeCompare(b.title, 'zh-CN'))
}
