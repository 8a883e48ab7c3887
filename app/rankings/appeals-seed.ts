// Demo data for 成绩申诉 (ADR 062): the demo learner has appealed three questions of the graded
// round after its ranking was published — one still open, one accepted, one rejected — through
// the real filing and deciding paths, so the notifications and audit entries exist as they would.
// The accepted one is not regraded: the demo shows it waiting for the regrade and republication.
// Idempotent: a round that already has appeals is left alone.
import type { Db } from '#app/utils/db-client.server.ts'
import { appealContext } from './appeals-rules.ts'
import { decideAppeal, fileAppeal } from './appeals.ts'

const REASONS = [
	'本题我选择的选项符合《审计法》的相关规定，参考答案可能有误，请复核。',
	'题干中“应当”与“可以”的表述存在歧义，我的答案也能成立，申请复核评分。',
	'我的答案与教材第三章的表述一致，请核对参考答案。',
]

export async function seedAppeals(db: Db, { roundId, now }: { roundId: string; now: Date }) {
	if ((await db.appeal.count({ where: { roundId } })) > 0) return null
	const admin = await db.user.findFirst({ where: { roles: { some: { role: 'admin' } } }, orderBy: { createdAt: 'asc' }, select: { id: true } })
	const learner = await db.user.findUnique({ where: { username: 'learner' }, select: { id: true } })
	const attempt = learner ? await db.attempt.findFirst({ where: { roundId, userId: learner.id }, orderBy: { attemptNo: 'asc' }, select: { id: true } }) : null
	if (!admin || !learner || !attempt) return null
	const context = await appealContext(db, { attemptId: attempt.id, userId: learner.id, now })
	// Questions the learner lost points on come first: those are the ones people dispute.
	const open = (context?.questions ?? []).filter((q) => !q.blocked).sort((a, b) => Number((a.score ?? 0) >= a.points) - Number((b.score ?? 0) >= b.points) || a.position - b.position)
	if (open.length < 3) return null
	const ids: string[] = []
	for (const [index, question] of open.slice(0, 3).entries()) {
		const filed = await fileAppeal(db, { attemptId: attempt.id, userId: learner.id, input: { position: String(question.position), reason: REASONS[index] }, now })
		if (!filed.ok) throw new Error(`演示申诉提交失败：${JSON.stringify(filed.fieldErrors)}`)
		ids.push(filed.appealId)
	}
	// Decided a moment after the publication, so the rankings page shows an accepted appeal since version 1.
	const decidedAt = new Date(now.getTime() + 1000)
	const decisions = [
		{ decision: 'accept', reply: '经复核，题干表述确有歧义，受理申诉，将更正后重新评分并重新发布排行榜。' },
		{ decision: 'reject', reply: '经复核，参考答案与教材及法条表述一致，原评分无误，不予采纳。' },
	]
	for (const [index, input] of decisions.entries()) {
		const decided = await decideAppeal(db, { appealId: ids[index + 1]!, actorId: admin.id, input, now: decidedAt })
		if (!decided.ok) throw new Error(`演示申诉处理失败：${JSON.stringify(decided.fieldErrors)}`)
	}
	return { open: ids[0]!, accepted: ids[1]!, rejected: ids[2]! }
}
