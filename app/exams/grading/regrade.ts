// Regrade after an answer key is corrected (ADR 025). A drawn version is otherwise frozen;
// correcting its key is the one admin-only exception, because the people who sat it must be
// scored against the right key. Preview shows every attempt whose score would change;
// applying writes the key, re-scores those attempts and audit-logs the differences at once.
import { isEssayType, QuestionContentSchema, type QuestionContent } from '#app/exams/bank/question-types.ts'
import { formatAnswer } from '#app/exams/import/answer-format.ts'
import { columnsToContent, VERSION_CONTENT_SELECT } from '#app/exams/bank/version-content.server.ts'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { CLOSED_ATTEMPT_STATUSES, regradeAttemptInTx, type AttemptGrade } from './grade-attempt.ts'

export type RegradeDifference = {
	attemptId: string
	userName: string
	username: string
	roundTitle: string
	questionBefore: number | null
	questionAfter: number | null
	totalBefore: number | null
	totalAfter: number
}

export type KeyCorrectionCheck =
	| { ok: true; content: QuestionContent; previous: QuestionContent; attemptIds: string[] }
	| { ok: false; fieldErrors: Record<string, string[]> }

async function checkKeyCorrection(db: DbOrTx, versionId: string, answerKey: unknown): Promise<KeyCorrectionCheck> {
	const version = await db.questionVersion.findUnique({ where: { id: versionId }, select: VERSION_CONTENT_SELECT })
	if (!version) return { ok: false, fieldErrors: { form: ['题目版本不存在'] } }
	const previous = columnsToContent(version)
	if (isEssayType(previous.type)) return { ok: false, fieldErrors: { answerKey: ['主观题按人工评分，修改参考答案不影响得分，请编辑题目'] } }
	const parsed = QuestionContentSchema.safeParse({ ...previous, answerKey })
	if (!parsed.success) {
		return { ok: false, fieldErrors: { answerKey: [...new Set(parsed.error.issues.map((issue) => issue.message))] } }
	}
	if (JSON.stringify(parsed.data.answerKey) === JSON.stringify(previous.answerKey)) {
		return { ok: false, fieldErrors: { answerKey: ['新答案与原答案相同'] } }
	}
	const attempts = await db.attempt.findMany({
		where: { status: { in: CLOSED_ATTEMPT_STATUSES }, questions: { some: { questionVersionId: versionId } } },
		select: { id: true },
		orderBy: { id: 'asc' },
	})
	return { ok: true, content: parsed.data, previous, attemptIds: attempts.map((a) => a.id) }
}

async function describeDifferences(db: DbOrTx, versionId: string, grades: AttemptGrade[]): Promise<RegradeDifference[]> {
	const changed = grades.filter((grade) => grade.changes.length > 0 || grade.previousScore !== grade.score)
	if (changed.length === 0) return []
	const people = await db.attempt.findMany({
		where: { id: { in: changed.map((g) => g.attemptId) } },
		select: { id: true, userId: true, round: { select: { title: true } }, questions: { where: { questionVersionId: versionId }, select: { id: true } } },
	})
	const users = await db.user.findMany({ where: { id: { in: people.map((p) => p.userId) } }, select: { id: true, name: true, username: true } })
	const userById = new Map(users.map((u) => [u.id, u]))
	const attemptById = new Map(people.map((p) => [p.id, p]))
	return changed.map((grade) => {
		const attempt = attemptById.get(grade.attemptId)!
		const user = userById.get(attempt.userId)
		const change = grade.changes.find((c) => c.attemptQuestionId === attempt.questions[0]?.id)
		return {
			attemptId: grade.attemptId,
			userName: user?.name ?? '（已删除）',
			username: user?.username ?? '',
			roundTitle: attempt.round.title,
			questionBefore: change?.before.finalScore ?? null,
			questionAfter: change?.after.finalScore ?? null,
			totalBefore: grade.previousScore,
			totalAfter: grade.score,
		}
	})
}

/** A drawn version of a question, for the key-correction page (server only: holds the key). */
export async function getVersionForKeyCorrection(db: DbOrTx, { questionId, versionId }: { questionId: string; versionId: string }) {
	const version = await db.questionVersion.findFirst({
		where: { id: versionId, questionId },
		select: { version: true, _count: { select: { attemptQuestions: true } }, ...VERSION_CONTENT_SELECT },
	})
	if (!version) return null
	return { versionNo: version.version, answered: version._count.attemptQuestions, content: columnsToContent(version) }
}

/** What a corrected key would change, without writing anything (the transaction is rolled back). */
export async function previewKeyCorrection(db: Db, { versionId, answerKey }: { versionId: string; answerKey: unknown }) {
	const check = await checkKeyCorrection(db, versionId, answerKey)
	if (!check.ok) return check
	const rollback = Symbol('preview')
	let differences: RegradeDifference[] = []
	try {
		await db.$transaction(
			async (tx) => {
				const grades: AttemptGrade[] = []
				for (const attemptId of check.attemptIds) grades.push(await regradeAttemptInTx(tx, attemptId, { answerKeyOverride: { versionId, answerKey: check.content.answerKey } }))
				differences = await describeDifferences(tx, versionId, grades)
				throw rollback
			},
			{ timeout: 60_000 },
		)
	} catch (error) {
		if (error !== rollback) throw error
	}
	return {
		ok: true as const,
		before: formatAnswer(check.previous),
		after: formatAnswer(check.content),
		affectedAttempts: check.attemptIds.length,
		differences,
	}
}

export async function applyKeyCorrection(
	db: Db,
	{ versionId, answerKey, actorId, reason }: { versionId: string; answerKey: unknown; actorId: string; reason: string },
	now = new Date(),
) {
	const trimmedReason = reason.trim()
	if (!trimmedReason) return { ok: false as const, fieldErrors: { reason: ['请填写更正原因'] } }
	return auditedTransaction(
		db,
		async (tx) => {
			const check = await checkKeyCorrection(tx, versionId, answerKey)
			if (!check.ok) return check
			await tx.questionVersion.update({ where: { id: versionId }, data: { answerKey: JSON.stringify(check.content.answerKey) } })
			const grades: AttemptGrade[] = []
			for (const attemptId of check.attemptIds) grades.push(await regradeAttemptInTx(tx, attemptId, { now }))
			const differences = await describeDifferences(tx, versionId, grades)
			const version = await tx.questionVersion.findUniqueOrThrow({ where: { id: versionId }, select: { questionId: true, version: true } })
			await writeAuditLog(tx, {
				actorId,
				action: 'grading.regrade.key_correction',
				targetType: 'QuestionVersion',
				targetId: versionId,
				summary: `更正第 ${version.version} 版答案：${formatAnswer(check.previous)} → ${formatAnswer(check.content)}；重新评分 ${check.attemptIds.length} 份答卷，${differences.length} 份得分变化。原因：${trimmedReason}`,
				before: { answerKey: check.previous.answerKey },
				after: {
					answerKey: check.content.answerKey,
					questionId: version.questionId,
					reason: trimmedReason,
					differences: differences.map((d) => ({ attemptId: d.attemptId, totalBefore: d.totalBefore, totalAfter: d.totalAfter })),
				},
			})
			return {
				ok: true as const,
				before: formatAnswer(check.previous),
				after: formatAnswer(check.content),
				affectedAttempts: check.attemptIds.length,
				differences,
			}
		},
		5,
		{ timeout: 120_000, maxWait: 10_000 },
	)
}
