import { expect, test } from 'vitest'
import { applyKeyCorrection } from '#app/exams/grading/regrade.ts'
import { createPerson } from '#app/exams/rounds/test-fixtures.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { ownTrend } from './own-trend.ts'
import { buildDraft, publishRanking } from './snapshots.server.ts'
import { HOUR, rankingScenario } from './test-fixtures.ts'

describeEachProvider('own trend across a season', (getDb) => {
	test('rank and percentile per published round in round order, never a draft; the newest version counts; 缺考 and strangers say so', async () => {
		const db = await getDb()
		const { now, round1, round2, people } = await rankingScenario(db)
		const admin = await createPerson(db, { roles: ['admin'], name: '发布管理员' })
		const at = new Date(now.getTime() + 5 * HOUR)
		const publish = async (scope: 'round' | 'season', scopeId: string, when: Date) => {
			const draft = (await buildDraft(db, { scope, scopeId, now: when }))!
			const result = await publishRanking(db, { scope, scopeId, reviewedHash: draft.contentHash, actorId: admin.id, now: when })
			if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors))
			return result
		}

		// Nothing published yet: no trend, though drafts could be built.
		expect(await ownTrend(db, { userId: people.a.id })).toBeNull()

		// Round 2 is published first; round 1 only as a draft: the trend holds round 2 alone.
		await publish('round', round2.id, at)
		const early = (await ownTrend(db, { userId: people.a.id }))!
		expect(early.rounds.map((p) => p.label)).toEqual([round2.title])
		// A and C both 4 in the same time: shared first place, nobody behind.
		expect(early.rounds[0]).toMatchObject({ position: 2, status: 'ranked', rank: 1, of: 2, score: 4, aheadOfPercent: 0, version: 1 })

		// Round 1 published later still comes first: the trend follows the rounds' order.
		const r1 = await publish('round', round1.id, new Date(at.getTime() + 1000))
		const trend = (await ownTrend(db, { userId: people.a.id, seasonId: round1.seasonId }))!
		expect(trend.seasonId).toBe(round1.seasonId)
		expect(trend.rounds.map((p) => p.label)).toEqual([round1.title, round2.title])
		// Round 1: A 4 points fastest → 1st of 5 ranked (A, B, E, C, G), three of them behind: 60 %.
		expect(trend.rounds[0]).toMatchObject({ snapshotId: r1.snapshotId, status: 'ranked', rank: 1, of: 5, score: 4, maxScore: 4, aheadOfPercent: 60 })
		expect(trend.latest?.label).toBe(round2.title)
		expect(trend.season).toBeNull()
		expect(trend.listed).toBe(true)

		// The season ranking, once published, is its own point beside the rounds.
		await publish('season', round1.seasonId, new Date(at.getTime() + 1500))
		const withSeason = (await ownTrend(db, { userId: people.a.id }))!
		expect(withSeason.season).toMatchObject({ label: '赛季总排名', status: 'ranked', rank: 1, score: 8, maxScore: 8 })
		expect(withSeason.rounds).toHaveLength(2)

		// D sat neither round: 缺考 in both, no current place. A person on no ranking is not listed.
		const absent = (await ownTrend(db, { userId: people.d.id, seasonId: round1.seasonId }))!
		expect(absent.rounds.map((p) => p.status)).toEqual(['absent', 'absent'])
		expect(absent).toMatchObject({ latest: null, listed: true })
		expect((await ownTrend(db, { userId: admin.id, seasonId: round1.seasonId }))!.listed).toBe(false)

		// A regrade lowers A's round 1 score: the published trend does not move until version 2 is published.
		const question = await db.attemptQuestion.findFirstOrThrow({ where: { attempt: { roundId: round1.id, userId: people.a.id }, position: 1 }, select: { questionVersionId: true } })
		expect((await applyKeyCorrection(db, { versionId: question.questionVersionId, answerKey: 'A', actorId: admin.id, reason: '答案有误' }, at)).ok).toBe(true)
		expect((await ownTrend(db, { userId: people.a.id, seasonId: round1.seasonId }))!.rounds[0]).toMatchObject({ score: 4, rank: 1, version: 1 })
		await publish('round', round1.id, new Date(at.getTime() + 2000))
		const after = (await ownTrend(db, { userId: people.a.id, seasonId: round1.seasonId }))!
		expect(after.rounds).toHaveLength(2)
		expect(after.rounds[0]).toMatchObject({ version: 2, score: 2 })
		// The season point stays the published one (4 + 4), too.
		expect(after.season).toMatchObject({ version: 1, score: 8 })
	})
})

test('an unknown season has no trend', async () => {
	const { getTestDb } = await import('#tests/db-utils.ts')
	const db = await getTestDb('sqlite')
	expect(await ownTrend(db, { userId: 'nobody', seasonId: 'no-such-season' })).toBeNull()
})
