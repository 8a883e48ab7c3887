// Publishing a round, withdrawing it and opening its review (the admin's paper preview is
// attempts/preview-paper.ts: it draws a paper as a learner's attempt would).
// Each admin action is one audited transaction; the checks run inside it so a round is
// never published against a bank that cannot fill it.
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { describeRule, findDrawShortages } from './draw.ts'
import { loadDrawCandidates, loadDrawRules } from './draw-pool.ts'
import { findPublicKeyWarnings } from './key-embargo.ts'
import { latestPossibleFinish } from '#app/exams/timing/review-window.ts'

export type AdminActionResult = { ok: true } | { ok: false; messages: string[] }

const refuse = (...messages: string[]): AdminActionResult => ({ ok: false, messages })

export async function publishRound(db: Db, { roundId, actorId, now }: { roundId: string; actorId: string | null; now: Date }): Promise<AdminActionResult> {
	return auditedTransaction(db, async (tx) => {
		const round = await tx.round.findUnique({ where: { id: roundId }, select: { title: true, status: true, closesAt: true } })
		if (!round) return refuse('找不到这轮考试')
		if (round.status === 'published') return refuse('本轮考试已经发布')
		if (round.closesAt <= now) return refuse(`截止时间（${formatChinaDateTime(round.closesAt)}）已过，请先修改考试时间`)
		const rules = await loadDrawRules(tx, roundId)
		if (rules.length === 0) return refuse('请至少设置一条抽题规则')
		const candidates = await loadDrawCandidates(tx, rules)
		const shortages = findDrawShortages(rules, candidates)
		if (shortages.length) return refuse(...shortages.map((s) => s.message))
		// Publishing over the warning is the admin's call; the log records that it was given.
		const warnings = await findPublicKeyWarnings(tx, { roundId, rules, candidates, now })
		await tx.round.update({ where: { id: roundId }, data: { status: 'published', publishedAt: now } })
		await writeAuditLog(tx, {
			actorId,
			action: 'round.publish',
			targetType: 'Round',
			targetId: roundId,
			summary: `发布考试：${round.title}`,
			after: {
				status: 'published',
				rules: rules.map((rule) => describeRule(rule) + ` ×${rule.count}，每题 ${rule.pointsEach} 分`),
				...(warnings.length ? { publicKeyWarnings: warnings.map((w) => w.message) } : {}),
			},
		}, now)
		return { ok: true }
	})
}

export async function unpublishRound(db: Db, { roundId, actorId, now }: { roundId: string; actorId: string | null; now: Date }): Promise<AdminActionResult> {
	return auditedTransaction(db, async (tx) => {
		const round = await tx.round.findUnique({ where: { id: roundId }, select: { title: true, status: true, _count: { select: { attempts: true } } } })
		if (!round) return refuse('找不到这轮考试')
		if (round.status !== 'published') return refuse('本轮考试尚未发布')
		if (round._count.attempts > 0) return refuse('已有考生开始作答，不能撤回发布')
		await tx.round.update({ where: { id: roundId }, data: { status: 'draft', publishedAt: null } })
		await writeAuditLog(tx, { actorId, action: 'round.unpublish', targetType: 'Round', targetId: roundId, summary: `撤回发布：${round.title}` }, now)
		return { ok: true }
	})
}

/** Opens the review now — refused while anyone could still be answering. */
export async function openReviewNow(db: Db, { roundId, actorId, now }: { roundId: string; actorId: string | null; now: Date }): Promise<AdminActionResult> {
	return auditedTransaction(db, async (tx) => {
		const round = await tx.round.findUnique({ where: { id: roundId }, select: { id: true, title: true, status: true, closesAt: true, reviewOpensAt: true } })
		if (!round) return refuse('找不到这轮考试')
		if (round.status !== 'published') return refuse('本轮考试尚未发布')
		const safe = await latestPossibleFinish(tx, round)
		if (safe > now) return refuse(`仍可能有考生在作答（最晚至 ${formatChinaDateTime(safe)}），届时才能开放复盘`)
		await tx.round.update({ where: { id: roundId }, data: { reviewOpensAt: now } })
		await writeAuditLog(tx, {
			actorId,
			action: 'round.open_review',
			targetType: 'Round',
			targetId: roundId,
			summary: `开放复盘（公布答案与解析）：${round.title}`,
			before: { reviewOpensAt: round.reviewOpensAt },
			after: { reviewOpensAt: now },
		}, now)
		return { ok: true }
	})
}
