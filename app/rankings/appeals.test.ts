import { expect, test } from 'vitest'
import { applyKeyCorrection } from '#app/exams/grading/regrade.ts'
import { createPerson } from '#app/exams/rounds/test-fixtures.ts'
import { listNotifications } from '#app/notifications/notifications.ts'
import { verifyAuditChain } from '#app/utils/audit-log.server.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { acceptedAppealsSincePublication, getAppealDetail, listAppeals } from './appeals-admin.ts'
import { appealContext } from './appeals-rules.ts'
import { decideAppeal, fileAppeal, listMyAppeals } from './appeals.ts'
import { buildDraft, publishRanking } from './snapshots.server.ts'
import { HOUR, rankingScenario } from './test-fixtures.ts'

const DAY = 24 * HOUR
const REASON = '我认为本题的参考答案有误，依据审计法第二十条应选我所选的选项。'

async function publish(db: Db, roundId: string, actorId: string, at: Date) {
	const draft = (await buildDraft(db, { scope: 'round', scopeId: roundId, now: at }))!
	const published = await publishRanking(db, { scope: 'round', scopeId: roundId, reviewedHash: draft.contentHash, actorId, now: at })
	if (!published.ok) throw new Error(JSON.stringify(published.fieldErrors))
	return { published, draft }
}

async function attemptOf(db: Db, roundId: string, userId: string) {
	return db.attempt.findFirstOrThrow({ where: { roundId, userId }, select: { id: true } })
}

describeEachProvider('ranking appeals', (getDb) => {
	test('a learner appeals a released, graded question of their own attempt, once, within the window after publication', async () => {
		const db = await getDb()
		const { now, round1, people } = await rankingScenario(db)
		const admin = await createPerson(db, { roles: ['admin'], name: '申诉管理员' })
		const attempt = await attemptOf(db, round1.id, people.c.id)
		const good = { position: '2', reason: REASON }

		// While the round is open the marks are not released.
		const early = await fileAppeal(db, { attemptId: attempt.id, userId: people.c.id, input: good, now })
		expect(early).toEqual({ ok: false, fieldErrors: { position: ['每题得分尚未公布，公布后才能申诉'] } })
		const at = new Date(now.getTime() + 5 * HOUR)
		expect((await appealContext(db, { attemptId: attempt.id, userId: people.c.id, now: at }))!.blocked).toBe('本轮排行榜尚未发布，发布后开放申诉')

		await publish(db, round1.id, admin.id, at)
		const context = (await appealContext(db, { attemptId: attempt.id, userId: people.c.id, now: at }))!
		expect(context.blocked).toBeNull()
		expect(context.window!.closesAt.getTime() - context.window!.opensAt.getTime()).toBe(7 * DAY)
		expect(context.questions.map((q) => [q.position, q.score, q.blocked])).toEqual([
			[1, 2, null],
			[2, 0, null],
		])
		// Someone else's attempt is not found, whoever asks.
		expect(await appealContext(db, { attemptId: attempt.id, userId: people.a.id, now: at })).toBeNull()
		expect(await fileAppeal(db, { attemptId: attempt.id, userId: people.a.id, input: good, now: at })).toEqual({ ok: false, fieldErrors: { form: ['找不到这份答卷'] } })

		// Input is checked with Chinese messages at the field.
		expect(await fileAppeal(db, { attemptId: attempt.id, userId: people.c.id, input: { position: '2', reason: '  不对 ' }, now: at })).toEqual({
			ok: false,
			fieldErrors: { reason: ['请写明申诉理由（至少 10 个字）'] },
		})
		expect((await fileAppeal(db, { attemptId: attempt.id, userId: people.c.id, input: { position: '2', reason: '长'.repeat(1001) }, now: at })).ok).toBe(false)
		expect(await fileAppeal(db, { attemptId: attempt.id, userId: people.c.id, input: { position: '9', reason: REASON }, now: at })).toEqual({ ok: false, fieldErrors: { position: ['请选择要申诉的题目'] } })

		const filed = await fileAppeal(db, { attemptId: attempt.id, userId: people.c.id, input: good, now: at })
		expect(filed).toEqual({ ok: true, appealId: expect.any(String) })
		const again = await fileAppeal(db, { attemptId: attempt.id, userId: people.c.id, input: good, now: at })
		expect(again).toEqual({ ok: false, fieldErrors: { position: ['该题已申诉（待处理），每题只能申诉一次'] } })
		const stored = await db.appeal.findFirstOrThrow({ where: { attemptId: attempt.id } })
		expect(stored).toMatchObject({ status: 'open', position: 2, scoreAtFiling: 0, reason: REASON })
		expect((await listMyAppeals(db, { userId: people.c.id })).map((a) => [a.roundTitle, a.position, a.status])).toEqual([[round1.title, 2, 'open']])
		expect(await listMyAppeals(db, { userId: people.a.id })).toEqual([])

		// The admins hear of it; the audit log records it.
		const adminNews = await listNotifications(db, { userId: admin.id })
		expect(adminNews.some((n) => n.kind === 'appeal.filed' && n.link === `/admin/appeals/${stored.id}` && n.title.includes('第 2 题'))).toBe(true)
		expect(await db.auditLog.count({ where: { action: 'appeal.file', targetId: stored.id, actorId: people.c.id } })).toBe(1)

		// After the window nobody may appeal; republishing does not reopen it.
		const late = new Date(at.getTime() + 7 * DAY + 60_000)
		const a = await attemptOf(db, round1.id, people.a.id)
		expect(await fileAppeal(db, { attemptId: a.id, userId: people.a.id, input: good, now: late })).toMatchObject({ ok: false, fieldErrors: { position: [expect.stringMatching(/^申诉期已于 .+ 截止$/)] } })
	})

	test('an admin rejects with a written reply or accepts; the learner is notified, the decision audited, a second decision refused; accepted appeals flag the publication until republished', async () => {
		const db = await getDb()
		const { now, round1, people } = await rankingScenario(db)
		const [admin, other] = await Promise.all([createPerson(db, { roles: ['admin'], name: '甲管理员' }), createPerson(db, { roles: ['admin'], name: '乙管理员' })])
		const at = new Date(now.getTime() + 5 * HOUR)
		await publish(db, round1.id, admin.id, at)
		const file = async (userId: string, position: number) => {
			const filed = await fileAppeal(db, { attemptId: (await attemptOf(db, round1.id, userId)).id, userId, input: { position: String(position), reason: REASON }, now: at })
			if (!filed.ok) throw new Error(JSON.stringify(filed.fieldErrors))
			return filed.appealId
		}
		const onA = await file(people.a.id, 1)
		const onC = await file(people.c.id, 2)
		const onG = await file(people.g.id, 2)
		const later = new Date(at.getTime() + HOUR)

		expect(await decideAppeal(db, { appealId: onA, actorId: admin.id, input: { decision: 'reject', reply: '' }, now: later })).toEqual({ ok: false, fieldErrors: { reply: ['不予采纳时须写明答复理由（至少 5 个字）'] } })
		expect(await decideAppeal(db, { appealId: onA, actorId: admin.id, input: { decision: 'maybe' }, now: later })).toMatchObject({ ok: false, fieldErrors: { decision: ['请选择受理或不予采纳'] } })
		expect(await decideAppeal(db, { appealId: 'nope', actorId: admin.id, input: { decision: 'accept' }, now: later })).toEqual({ ok: false, fieldErrors: { form: ['找不到这项申诉'] } })

		const rejected = await decideAppeal(db, { appealId: onA, actorId: admin.id, input: { decision: 'reject', reply: '经复核，参考答案与法条一致，原评分无误。' }, now: later })
		expect(rejected).toEqual({ ok: true, appealId: onA })
		expect(await db.appeal.findUniqueOrThrow({ where: { id: onA } })).toMatchObject({ status: 'rejected', decidedById: admin.id, decidedByName: '甲管理员', reply: '经复核，参考答案与法条一致，原评分无误。' })
		const aNews = await listNotifications(db, { userId: people.a.id })
		expect(aNews).toEqual([expect.objectContaining({ kind: 'appeal.rejected', title: `申诉未被采纳：${round1.title} 第 1 题`, body: '答复：经复核，参考答案与法条一致，原评分无误。', link: '/appeals', readAt: null })])
		expect(await db.auditLog.count({ where: { action: 'appeal.reject', targetId: onA, actorId: admin.id } })).toBe(1)
		// Decided once: accepting it now is refused and changes nothing.
		const twice = await decideAppeal(db, { appealId: onA, actorId: other.id, input: { decision: 'accept' }, now: later })
		expect(twice).toEqual({ ok: false, fieldErrors: { form: ['该申诉已由甲管理员处理（未采纳），请刷新查看'] } })
		expect((await db.appeal.findUniqueOrThrow({ where: { id: onA } })).status).toBe('rejected')

		// Two admins deciding at once: exactly one decision lands, with one notification and one audit entry.
		const race = await Promise.all([
			decideAppeal(db, { appealId: onG, actorId: admin.id, input: { decision: 'reject', reply: '原评分无误，维持原分。' }, now: later }),
			decideAppeal(db, { appealId: onG, actorId: other.id, input: { decision: 'reject', reply: '答案正确，不予更正。' }, now: later }),
		])
		expect(race.filter((r) => r.ok)).toHaveLength(1)
		expect(await db.notification.count({ where: { userId: people.g.id } })).toBe(1)
		expect(await db.auditLog.count({ where: { targetId: onG, action: { in: ['appeal.accept', 'appeal.reject'] } } })).toBe(1)

		expect(await acceptedAppealsSincePublication(db)).toEqual([])
		const accepted = await decideAppeal(db, { appealId: onC, actorId: admin.id, input: { decision: 'accept', reply: '参考答案确有歧义，将更正后重新评分。' }, now: later })
		expect(accepted.ok).toBe(true)
		expect((await listNotifications(db, { userId: people.c.id }))[0]).toMatchObject({ kind: 'appeal.accepted', title: `申诉已受理：${round1.title} 第 2 题` })
		const stale = await acceptedAppealsSincePublication(db)
		expect(stale).toEqual([{ scope: 'round', scopeId: round1.id, title: expect.any(String), version: 1, acceptedSince: 1 }])

		// The queue and the detail hold what is needed to judge and to regrade.
		const queue = await listAppeals(db, { status: 'accepted' })
		expect(queue.appeals.map((a) => a.id)).toContain(onC)
		expect(queue.counts.rejected).toBeGreaterThanOrEqual(1)
		const detail = (await getAppealDetail(db, onC))!
		expect(detail).toMatchObject({ status: 'accepted', learnerName: '丙', position: 2, essay: false, scoreAtFiling: 0, currentScore: 0, regradeLink: expect.stringMatching(/^\/bank\/[^/]+\/key\/[^/]+$/) })
		expect(detail.key).toMatch(/^[A-H]$/)
		expect(detail.learnerAnswer).not.toBe(detail.key)

		// Regrade through the key correction, republish: the flag goes and C's new score is in version 2.
		const version = await db.attemptQuestion.findFirstOrThrow({ where: { id: (await db.appeal.findUniqueOrThrow({ where: { id: onC } })).attemptQuestionId }, select: { questionVersionId: true, answer: true } })
		const corrected = await applyKeyCorrection(db, { versionId: version.questionVersionId, answerKey: detail.learnerAnswer, actorId: admin.id, reason: '申诉受理：参考答案有误' }, later)
		expect(corrected.ok).toBe(true)
		expect((await getAppealDetail(db, onC))!.currentScore).toBe(2)
		const { published } = await publish(db, round1.id, admin.id, new Date(later.getTime() + HOUR))
		expect(published.version).toBe(2)
		expect(await acceptedAppealsSincePublication(db)).toEqual([])
		expect((await verifyAuditChain(db)).ok).toBe(true)
	})
})
