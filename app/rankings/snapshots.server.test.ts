import { expect, test } from 'vitest'
import { applyKeyCorrection } from '#app/exams/grading/regrade.ts'
import { createPerson } from '#app/exams/rounds/test-fixtures.ts'
import { verifyAuditChain } from '#app/utils/audit-log.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { buildDraft, canonicalJson, contentHash, getSnapshot, latestSnapshot, listSnapshots, publishRanking } from './snapshots.server.ts'
import { HOUR, rankingScenario } from './test-fixtures.ts'

test('canonicalJson sorts keys at every level and drops undefined, so equal content hashes equally', () => {
	expect(canonicalJson({ b: 1, a: [{ d: null, c: '甲' }], e: undefined })).toBe('{"a":[{"c":"甲","d":null}],"b":1}')
	expect(contentHash(canonicalJson({ x: 1, y: 2 }))).toBe(contentHash(canonicalJson({ y: 2, x: 1 })))
	expect(() => canonicalJson({ x: Number.NaN })).toThrow()
})

describeEachProvider('published ranking snapshots', (getDb) => {
	test('a published snapshot is frozen: a regrade changes the next draft, not the snapshot; republishing makes version 2', async () => {
		const db = await getDb()
		const { now, round1, people } = await rankingScenario(db)
		const admin = await createPerson(db, { roles: ['admin'], name: '管理员甲' })
		const at = new Date(now.getTime() + 5 * HOUR)

		const draft = (await buildDraft(db, { scope: 'round', scopeId: round1.id, now: at }))!
		expect(draft.previous).toBeNull()
		const published = await publishRanking(db, { scope: 'round', scopeId: round1.id, reviewedHash: draft.contentHash, actorId: admin.id, now: at })
		expect(published).toEqual({ ok: true, snapshotId: expect.any(String), version: 1, contentHash: draft.contentHash })
		if (!published.ok) return
		const frozen = (await getSnapshot(db, published.snapshotId))!
		expect(frozen).toMatchObject({ version: 1, intact: true, contentHash: draft.contentHash, publishedByName: '管理员甲' })
		expect(frozen.content).toEqual(draft.content)

		const audit = await db.auditLog.findFirst({ where: { action: 'ranking.publish', targetId: published.snapshotId } })
		expect(audit?.actorId).toBe(admin.id)
		expect(audit?.summary).toContain(draft.contentHash)
		expect((await verifyAuditChain(db)).ok).toBe(true)

		// Publishing the same content again is refused: nothing changed.
		const again = await publishRanking(db, { scope: 'round', scopeId: round1.id, reviewedHash: draft.contentHash, actorId: admin.id, now: at })
		expect(again).toEqual({ ok: false, fieldErrors: { form: ['与已发布的第 1 版完全相同，无需重新发布'] } })

		// The key of A's first question is corrected through the real regrade path: A answered B, the key becomes A.
		const question = await db.attemptQuestion.findFirstOrThrow({ where: { attempt: { roundId: round1.id, userId: people.a.id }, position: 1 }, select: { questionVersionId: true } })
		const corrected = await applyKeyCorrection(db, { versionId: question.questionVersionId, answerKey: 'A', actorId: admin.id, reason: '答案有误' }, at)
		expect(corrected.ok).toBe(true)

		const stored = (await getSnapshot(db, published.snapshotId))!
		expect(stored.contentHash).toBe(frozen.contentHash)
		expect(stored.content).toEqual(frozen.content)
		expect(stored.intact).toBe(true)
		expect(stored.content.people.find((p) => p.userId === people.a.id)!.score).toBe(4)

		const next = (await buildDraft(db, { scope: 'round', scopeId: round1.id, now: at }))!
		expect(next.contentHash).not.toBe(frozen.contentHash)
		expect(next.previous?.id).toBe(published.snapshotId)
		const aChange = next.diff.people.find((p) => p.userId === people.a.id)!
		expect(aChange.before).toEqual({ rank: 1, score: 4 })
		expect(aChange.after!.score).toBe(2)
		expect(aChange.reasons[0]).toBe('得分变化：4 → 2')

		// The admin reviewed the old draft: publishing it now is refused, the reviewed new one goes out as version 2.
		const stale = await publishRanking(db, { scope: 'round', scopeId: round1.id, reviewedHash: draft.contentHash, actorId: admin.id, now: at })
		expect(stale.ok).toBe(false)
		const second = await publishRanking(db, { scope: 'round', scopeId: round1.id, reviewedHash: next.contentHash, actorId: admin.id, now: new Date(at.getTime() + 1000) })
		expect(second).toMatchObject({ ok: true, version: 2 })
		expect((await latestSnapshot(db, { scope: 'round', scopeId: round1.id }))!.version).toBe(2)
		const listed = await listSnapshots(db, { seasonId: round1.seasonId })
		expect(listed.map((s) => s.version)).toEqual([2, 1])
	})

	test('a snapshot whose stored rows were altered no longer matches its hash', async () => {
		const db = await getDb()
		const { now, round1 } = await rankingScenario(db)
		const admin = await createPerson(db, { roles: ['admin'] })
		const at = new Date(now.getTime() + 5 * HOUR)
		const draft = (await buildDraft(db, { scope: 'season', scopeId: round1.seasonId, now: at }))!
		const published = await publishRanking(db, { scope: 'season', scopeId: round1.seasonId, reviewedHash: draft.contentHash, actorId: admin.id, now: at })
		if (!published.ok) throw new Error('publish refused')
		const row = await db.rankingSnapshot.findUniqueOrThrow({ where: { id: published.snapshotId } })
		await db.rankingSnapshot.update({ where: { id: row.id }, data: { content: row.content.replace('"score":8', '"score":9') } })
		expect((await getSnapshot(db, published.snapshotId))!.intact).toBe(false)
	})
})
