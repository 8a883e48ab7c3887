// 题库: create, edit (in place, or as a new version once a version has been drawn into a
// paper), change status, lock. Attempts keep the version they saw (ADR 021).
import type { Db, DbOrTx, DbTx } from '#app/utils/db-client.server.ts'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import {
	QuestionContentSchema,
	QUESTION_STATUS_LABELS,
	QUESTION_TYPE_LABELS,
	type QuestionContent,
	type QuestionContentInput,
	type QuestionStatus,
} from './question-types.ts'
import { columnsToContent, contentToColumns, sameContent, stemKeyOf, VERSION_CONTENT_SELECT } from './version-content.server.ts'

export type FieldErrors = Record<string, string[]>
export type BankWriteResult =
	| { ok: true; questionId: string; versionId: string; versionNo: number; newVersion: boolean; changed: boolean }
	| { ok: false; fieldErrors: FieldErrors }

export const DUPLICATE_STEM_MESSAGE = '题库中已有相同题干的题目'

/** A unique-index refusal naming `field`, from a model query (P2002) or a raw statement (P2010). */
export function isUniqueViolationOn(error: unknown, field: string) {
	const e = error as { code?: string; meta?: unknown } | null
	const meta = JSON.stringify(e?.meta ?? {})
	const unique = e?.code === 'P2002' || (e?.code === 'P2010' && meta.includes('UniqueConstraintViolation'))
	return unique && meta.includes(field)
}

/** zod issues as field → messages, keyed by the first path segment (e.g. stem, options, answerKey). */
export function contentFieldErrors(input: unknown): { ok: true; content: QuestionContent } | { ok: false; fieldErrors: FieldErrors } {
	const parsed = QuestionContentSchema.safeParse(input)
	if (parsed.success) return { ok: true, content: parsed.data }
	const fieldErrors: FieldErrors = {}
	for (const issue of parsed.error.issues) {
		const field = issue.path.length ? String(issue.path[0]) : 'form'
		const key = field === 'regulation' && issue.path[1] ? `regulation.${String(issue.path[1])}` : field
		;(fieldErrors[key] ??= []).push(issue.message)
	}
	return { ok: false, fieldErrors }
}

async function stemTakenByAnother(db: DbOrTx, stemKey: string, questionId?: string) {
	const other = await db.question.findUnique({ where: { stemKey }, select: { id: true } })
	return other !== null && other.id !== questionId
}

function auditSnapshot(content: QuestionContent) {
	return { type: content.type, topic: content.topic, stem: content.stem, options: content.options, answerKey: content.answerKey, points: content.points }
}

/** Inserts a question with its first version inside an open transaction (shared by create, import and seed). */
export async function insertQuestion(
	tx: DbTx,
	{ content, status, actorId }: { content: QuestionContent; status: QuestionStatus; actorId: string | null },
) {
	const question = await tx.question.create({
		data: {
			status,
			topic: content.topic,
			type: content.type,
			difficulty: content.difficulty,
			stemKey: stemKeyOf(content.stem),
			createdById: actorId,
			versions: { create: { version: 1, createdById: actorId, ...contentToColumns(content) } },
		},
		select: { id: true, versions: { select: { id: true } } },
	})
	const versionId = question.versions[0]!.id
	await tx.question.update({ where: { id: question.id }, data: { currentVersionId: versionId } })
	return { questionId: question.id, versionId }
}

export async function createQuestion(
	db: Db,
	{ input, status = 'draft', actorId }: { input: QuestionContentInput | unknown; status?: QuestionStatus; actorId: string },
): Promise<BankWriteResult> {
	const checked = contentFieldErrors(input)
	if (!checked.ok) return checked
	const { content } = checked
	try {
		return await auditedTransaction(db, async (tx) => {
			if (await stemTakenByAnother(tx, stemKeyOf(content.stem))) return { ok: false, fieldErrors: { stem: [DUPLICATE_STEM_MESSAGE] } }
			const { questionId, versionId } = await insertQuestion(tx, { content, status, actorId })
			await writeAuditLog(tx, {
				actorId,
				action: 'bank.question.create',
				targetType: 'Question',
				targetId: questionId,
				summary: `新建${QUESTION_TYPE_LABELS[content.type]}题（${QUESTION_STATUS_LABELS[status]}）`,
				after: auditSnapshot(content),
			})
			return { ok: true, questionId, versionId, versionNo: 1, newVersion: true, changed: true }
		})
	} catch (error) {
		if (isUniqueViolationOn(error, 'stemKey')) return { ok: false, fieldErrors: { stem: [DUPLICATE_STEM_MESSAGE] } }
		throw error
	}
}

/** A version is frozen once a paper drew it: lockedAt is set then, and any attempt row proves it too. */
async function isVersionLocked(tx: DbOrTx, versionId: string) {
	const version = await tx.questionVersion.findUniqueOrThrow({
		where: { id: versionId },
		select: { lockedAt: true, _count: { select: { attemptQuestions: true } } },
	})
	return version.lockedAt !== null || version._count.attemptQuestions > 0
}

export async function updateQuestion(
	db: Db,
	{ questionId, input, actorId }: { questionId: string; input: QuestionContentInput | unknown; actorId: string },
): Promise<BankWriteResult> {
	const checked = contentFieldErrors(input)
	if (!checked.ok) return checked
	const { content } = checked
	const stemKey = stemKeyOf(content.stem)
	try {
		return await auditedTransaction(db, async (tx): Promise<BankWriteResult> => {
			const question = await tx.question.findUnique({
				where: { id: questionId },
				select: {
					type: true,
					currentVersion: { select: { id: true, version: true, ...VERSION_CONTENT_SELECT } },
					versions: { where: { OR: [{ lockedAt: { not: null } }, { attemptQuestions: { some: {} } }] }, select: { id: true }, take: 1 },
				},
			})
			if (!question?.currentVersion) return { ok: false, fieldErrors: { form: ['题目不存在'] } }
			const current = question.currentVersion
			const before = columnsToContent(current)
			if (sameContent(before, content)) {
				return { ok: true, questionId, versionId: current.id, versionNo: current.version, newVersion: false, changed: false }
			}
			if (content.type !== question.type && question.versions.length > 0) {
				return { ok: false, fieldErrors: { type: ['已被作答的题目不能更改题型，请新建题目'] } }
			}
			if (await stemTakenByAnother(tx, stemKey, questionId)) return { ok: false, fieldErrors: { stem: [DUPLICATE_STEM_MESSAGE] } }

			let versionId = current.id
			let versionNo = current.version
			let newVersion = false
			// Guarded in-place edit: if a paper locked the version since we read it, nothing matches.
			const editedInPlace =
				!(await isVersionLocked(tx, current.id)) &&
				(await tx.questionVersion.updateMany({ where: { id: current.id, lockedAt: null }, data: contentToColumns(content) })).count === 1
			if (!editedInPlace) {
				const created = await tx.questionVersion.create({
					data: { questionId, version: current.version + 1, createdById: actorId, ...contentToColumns(content) },
					select: { id: true, version: true },
				})
				versionId = created.id
				versionNo = created.version
				newVersion = true
			}
			await tx.question.update({
				where: { id: questionId },
				data: { topic: content.topic, type: content.type, difficulty: content.difficulty, stemKey, currentVersionId: versionId },
			})
			await writeAuditLog(tx, {
				actorId,
				action: newVersion ? 'bank.question.new_version' : 'bank.question.edit',
				targetType: 'Question',
				targetId: questionId,
				summary: newVersion ? `题目已被作答，保存为第 ${versionNo} 版` : `修改第 ${versionNo} 版（尚未被作答）`,
				before: auditSnapshot(before),
				after: auditSnapshot(content),
			})
			return { ok: true, questionId, versionId, versionNo, newVersion, changed: true }
		})
	} catch (error) {
		if (isUniqueViolationOn(error, 'stemKey')) return { ok: false, fieldErrors: { stem: [DUPLICATE_STEM_MESSAGE] } }
		throw error
	}
}

export async function setQuestionStatus(
	db: Db,
	{ questionIds, status, actorId }: { questionIds: string[]; status: QuestionStatus; actorId: string },
) {
	if (questionIds.length === 0) return { updated: 0 }
	return auditedTransaction(db, async (tx) => {
		const { count } = await tx.question.updateMany({ where: { id: { in: questionIds }, status: { not: status } }, data: { status } })
		if (count > 0) {
			await writeAuditLog(tx, {
				actorId,
				action: 'bank.question.status',
				targetType: 'Question',
				targetId: questionIds.length === 1 ? questionIds[0] : null,
				summary: `${count} 道题目设为${QUESTION_STATUS_LABELS[status]}`,
				after: { status, questionIds },
			})
		}
		return { updated: count }
	})
}

/**
 * Freezes versions as a paper draws them; call it in the transaction that creates the
 * AttemptQuestion rows. Later edits of these versions become new versions.
 */
export async function lockQuestionVersions(db: DbOrTx, versionIds: string[], now = new Date()) {
	if (versionIds.length === 0) return 0
	const { count } = await db.questionVersion.updateMany({ where: { id: { in: versionIds }, lockedAt: null }, data: { lockedAt: now } })
	return count
}

/** The question with its current content and version history, for the edit page (server only: holds the key). */
export async function getQuestionForEditing(db: DbOrTx, questionId: string) {
	const question = await db.question.findUnique({
		where: { id: questionId },
		select: {
			id: true,
			status: true,
			createdAt: true,
			updatedAt: true,
			currentVersion: { select: { id: true, version: true, lockedAt: true, ...VERSION_CONTENT_SELECT } },
			versions: {
				orderBy: { version: 'desc' },
				select: { id: true, version: true, lockedAt: true, createdAt: true, _count: { select: { attemptQuestions: true } } },
			},
		},
	})
	if (!question?.currentVersion) return null
	const { currentVersion, versions, ...rest } = question
	return {
		...rest,
		status: rest.status as QuestionStatus,
		currentVersionId: currentVersion.id,
		currentVersionNo: currentVersion.version,
		content: columnsToContent(currentVersion),
		versions: versions.map((v) => ({
			id: v.id,
			version: v.version,
			createdAt: v.createdAt,
			locked: v.lockedAt !== null || v._count.attemptQuestions > 0,
			answeredCount: v._count.attemptQuestions,
		})),
	}
}
