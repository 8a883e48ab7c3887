// 成绩申诉 (issue 10, ADR 062): a learner disputes the mark of one graded question of their own
// attempt once the round's ranking is published; an admin accepts it (then regrades through the
// existing paths and republishes) or rejects it with a written reply. Filing and deciding each
// run in one audited transaction with the notifications they cause; a decision is one guarded
// statement (status still open), so two admins cannot both decide the same appeal.
import { isEssayType } from '#app/exams/bank/question-types.ts'
import { anonymousLabel } from '#app/exams/grading/manual.server.ts'
import { notify, type NotificationInput } from '#app/notifications/notifications.ts'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { fieldErrorsFrom, type FieldErrors } from '#app/utils/forms.ts'
import { DecideAppealSchema, FileAppealSchema } from './appeal-forms.ts'
import { APPEAL_STATUS_LABELS, type AppealStatus } from './appeals-labels.ts'
import { appealContext } from './appeals-rules.ts'

export { APPEAL_REASON_MAX, APPEAL_REASON_MIN, APPEAL_REPLY_MAX } from './appeals-labels.ts'
export { DecideAppealSchema, FileAppealSchema } from './appeal-forms.ts'

export type AppealResult = { ok: true; appealId: string } | { ok: false; fieldErrors: FieldErrors }

function isUniqueViolation(error: unknown) {
	return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002' && JSON.stringify((error as { meta?: unknown }).meta ?? {}).includes('attemptQuestionId')
}

const excerpt = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max)}…` : text)

/** Files an appeal on the question at `position` of the learner's own attempt. */
export async function fileAppeal(db: Db, { attemptId, userId, input, now }: { attemptId: string; userId: string; input: unknown; now: Date }): Promise<AppealResult> {
	const parsed = FileAppealSchema.safeParse(input)
	if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) }
	const { position, reason } = parsed.data
	try {
		return await auditedTransaction(db, async (tx): Promise<AppealResult> => {
			const context = await appealContext(tx, { attemptId, userId, now })
			if (!context) return { ok: false, fieldErrors: { form: ['找不到这份答卷'] } }
			const question = context.questions.find((q) => q.position === position)
			if (!question) return { ok: false, fieldErrors: { position: ['请选择要申诉的题目'] } }
			if (question.blocked) return { ok: false, fieldErrors: { position: [question.blocked] } }
			const learner = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, unit: { select: { name: true } } } })
			const appeal = await tx.appeal.create({
				data: { attemptId, attemptQuestionId: question.attemptQuestionId, roundId: context.round.id, userId, position, reason, scoreAtFiling: question.score, createdAt: now },
				select: { id: true },
			})
			const admins = await tx.user.findMany({ where: { active: true, roles: { some: { role: 'admin' } } }, select: { id: true } })
			await notify(
				tx,
				admins.map((admin) => ({
					userId: admin.id,
					kind: 'appeal.filed',
					title: `新的成绩申诉：${context.round.title} 第 ${position} 题`,
					body: `${learner.name}（${learner.unit.name}）：${excerpt(reason)}`,
					link: `/admin/appeals/${appeal.id}`,
				})),
				now,
			)
			await writeAuditLog(
				tx,
				{ actorId: userId, action: 'appeal.file', targetType: 'Appeal', targetId: appeal.id, summary: `${learner.name} 对 ${context.round.title} 第 ${position} 题提出成绩申诉`, after: { attemptQuestionId: question.attemptQuestionId, reason, scoreAtFiling: question.score } },
				now,
			)
			return { ok: true, appealId: appeal.id }
		})
	} catch (error) {
		// Two submissions of the same question at once: the unique index lets one through.
		if (isUniqueViolation(error)) return { ok: false, fieldErrors: { position: ['该题已申诉，每题只能申诉一次'] } }
		throw error
	}
}

/**
 * Accepts or rejects an open appeal. Accepting records the decision and tells the learner (and,
 * for an essay, its markers) that a regrade follows; the regrade itself goes through the key
 * correction (ADR 025) or manual marking (ADR 024), then a new draft is published (ADR 061).
 */
export async function decideAppeal(db: Db, { appealId, actorId, input, now }: { appealId: string; actorId: string; input: unknown; now: Date }): Promise<AppealResult> {
	const parsed = DecideAppealSchema.safeParse(input)
	if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) }
	const { decision, reply } = parsed.data
	const status: AppealStatus = decision === 'accept' ? 'accepted' : 'rejected'
	return auditedTransaction(db, async (tx): Promise<AppealResult> => {
		const appeal = await tx.appeal.findUnique({ where: { id: appealId }, select: { id: true, userId: true, roundId: true, attemptId: true, attemptQuestionId: true, position: true, status: true } })
		if (!appeal) return { ok: false, fieldErrors: { form: ['找不到这项申诉'] } }
		const actor = await tx.user.findUniqueOrThrow({ where: { id: actorId }, select: { name: true } })
		const guarded = await tx.appeal.updateMany({
			where: { id: appealId, status: 'open' },
			data: { status, reply: reply || null, decidedById: actorId, decidedByName: actor.name, decidedAt: now },
		})
		if (guarded.count === 0) {
			const current = await tx.appeal.findUniqueOrThrow({ where: { id: appealId }, select: { status: true, decidedByName: true } })
			return { ok: false, fieldErrors: { form: [`该申诉已由${current.decidedByName ?? '其他管理员'}处理（${APPEAL_STATUS_LABELS[current.status as AppealStatus] ?? current.status}），请刷新查看`] } }
		}
		const round = await tx.round.findUniqueOrThrow({ where: { id: appeal.roundId }, select: { title: true } })
		const where = `${round.title} 第 ${appeal.position} 题`
		const messages: NotificationInput[] = [
			decision === 'accept'
				? { userId: appeal.userId, kind: 'appeal.accepted', title: `申诉已受理：${where}`, body: `将按规定重新评分，排行榜重新发布后以新版本为准。${reply ? `答复：${reply}` : ''}`, link: '/appeals' }
				: { userId: appeal.userId, kind: 'appeal.rejected', title: `申诉未被采纳：${where}`, body: `答复：${reply}`, link: '/appeals' },
		]
		const question = await tx.attemptQuestion.findUniqueOrThrow({ where: { id: appeal.attemptQuestionId }, select: { questionVersion: { select: { type: true } }, gradingMarks: { select: { graderId: true } } } })
		if (decision === 'accept' && isEssayType(question.questionVersion.type)) {
			// Only a marker may change their own mark (blind marking, ADR 024): ask them, without naming the learner.
			const label = anonymousLabel(appeal.roundId, appeal.attemptId)
			for (const graderId of new Set(question.gradingMarks.map((m) => m.graderId))) {
				messages.push({ userId: graderId, kind: 'appeal.remark', title: `申诉已受理，请复核评分：${round.title} ${label} 第 ${appeal.position} 题`, body: reply ? `管理员答复：${reply}` : '', link: `/grading/items/${appeal.attemptQuestionId}` })
			}
		}
		await notify(tx, messages, now)
		await writeAuditLog(
			tx,
			{
				actorId,
				action: decision === 'accept' ? 'appeal.accept' : 'appeal.reject',
				targetType: 'Appeal',
				targetId: appealId,
				summary: `${decision === 'accept' ? '受理' : '不予采纳'}成绩申诉：${where}${reply ? `。答复：${reply}` : ''}`,
				before: { status: 'open' },
				after: { status, reply: reply || null },
			},
			now,
		)
		return { ok: true, appealId }
	})
}

export type MyAppeal = { id: string; roundTitle: string; attemptId: string; position: number; reason: string; status: AppealStatus; reply: string | null; createdAt: Date; decidedAt: Date | null }

/** The learner's own appeals, newest first. */
export async function listMyAppeals(db: DbOrTx, { userId }: { userId: string }): Promise<MyAppeal[]> {
	const appeals = await db.appeal.findMany({
		where: { userId },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take: 200,
		select: { id: true, roundId: true, attemptId: true, position: true, reason: true, status: true, reply: true, createdAt: true, decidedAt: true },
	})
	const rounds = await db.round.findMany({ where: { id: { in: [...new Set(appeals.map((a) => a.roundId))] } }, select: { id: true, title: true } })
	const titles = new Map(rounds.map((r) => [r.id, r.title]))
	return appeals.map(({ roundId, status, ...rest }) => ({ ...rest, status: status as AppealStatus, roundTitle: titles.get(roundId) ?? '（已删除的轮次）' }))
}
