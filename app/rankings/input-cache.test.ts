// ADR 072: a ranking built from what an earlier build read must equal a ranking built from
// scratch, whatever wrote to the database in between: the exam code, raw SQL, a directory edit,
// a rolled-back transaction. Each check compares the cached build with a fresh one.
import { expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import type { Db, DbProvider } from '#app/utils/db-client.server.ts'
import { buildSeasonRanking } from './build.ts'
import { clearInputCache, inputCacheOf, RANKING_INPUT_TRIGGERS, readInputVersions } from './input-cache.ts'
import { canonicalJson } from './snapshots.server.ts'
import { readDirectoryUsers, readStandings, type DirectoryUsers } from './standings.server.ts'
import { HOUR, rankingScenario as scenario } from './test-fixtures.ts'

async function cachedAndFresh(db: Db, seasonId: string, now: Date) {
	const cached = canonicalJson(await buildSeasonRanking(db, { seasonId, now }))
	clearInputCache(db)
	const fresh = canonicalJson(await buildSeasonRanking(db, { seasonId, now }))
	return { cached, fresh }
}

describeEachProvider('ranking input cache', (getDb, provider: DbProvider) => {
	test('every trigger is in place after the migrations, and the cache is on', async () => {
		const db = await getDb()
		expect(await inputCacheOf(db, provider)).not.toBeNull()
		const triggers =
			provider === 'postgresql'
				? await db.$queryRawUnsafe<{ name: string }[]>(`SELECT tgname AS name FROM pg_trigger WHERE tgname LIKE 'ranking_input_%' AND NOT tgisinternal`)
				: await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ranking_input_%'`)
		expect(triggers.map((t) => t.name).sort()).toEqual([...RANKING_INPUT_TRIGGERS].sort())
	})

	test('a write by any path — exam code, raw SQL, a name, a role — is seen by the next build', async () => {
		const db = await getDb()
		const { now, round1, people } = await scenario(db)
		const later = new Date(now.getTime() + 5 * HOUR)
		const seasonId = round1.seasonId
		const first = await buildSeasonRanking(db, { seasonId, now: later })
		expect(first!.people.find((p) => p.userId === people.c.id)!.score).toBe(6)

		// Raw SQL, past every application path: a regrade the application did not announce.
		await db.$executeRaw`UPDATE "Attempt" SET "score" = 0 WHERE "userId" = ${people.c.id} AND "roundId" = ${round1.id}`
		const afterRegrade = await buildSeasonRanking(db, { seasonId, now: later })
		expect(afterRegrade!.people.find((p) => p.userId === people.c.id)!.score).toBe(4)

		await db.user.update({ where: { id: people.a.id }, data: { name: '甲（改名）' } })
		const afterRename = await buildSeasonRanking(db, { seasonId, now: later })
		expect(afterRename!.people.find((p) => p.userId === people.a.id)!.name).toBe('甲（改名）')

		// 丁 never sat (缺考); once deactivated (left the bureau) they are nobody's eligible person.
		expect(afterRename!.absent.map((p) => p.userId)).toContain(people.d.id)
		const beforeRole = (await readInputVersions(db)).get('directory')
		await db.userRole.deleteMany({ where: { userId: people.b.id } })
		expect((await readInputVersions(db)).get('directory')).not.toBe(beforeRole)
		await db.user.update({ where: { id: people.d.id }, data: { active: false } })
		const afterDeactivate = await buildSeasonRanking(db, { seasonId, now: later })
		expect(afterDeactivate!.absent.map((p) => p.userId)).not.toContain(people.d.id)

		// A paper deleted outright.
		await db.attemptQuestion.deleteMany({ where: { attempt: { userId: people.g.id } } })
		await db.attempt.deleteMany({ where: { userId: people.g.id } })
		const { cached, fresh } = await cachedAndFresh(db, seasonId, later)
		expect(cached).toBe(fresh)
		expect(JSON.parse(cached).people.map((p: { userId: string }) => p.userId)).not.toContain(people.g.id)
	})

	test('a rolled-back write changes nothing, and a build inside a transaction neither uses nor fills the cache', async () => {
		const db = await getDb()
		const { now, round1, people } = await scenario(db)
		const later = new Date(now.getTime() + 5 * HOUR)
		const seasonId = round1.seasonId
		const before = canonicalJson(await buildSeasonRanking(db, { seasonId, now: later }))
		const versions = await readInputVersions(db)
		await expect(
			db.$transaction(async (tx) => {
				await tx.attempt.updateMany({ where: { userId: people.a.id }, data: { score: 0 } })
				// Inside the transaction its own write is seen…
				const inside = await buildSeasonRanking(tx, { seasonId, now: later, provider })
				expect(inside!.people.find((p) => p.userId === people.a.id)!.score).toBe(0)
				expect(await inputCacheOf(tx, provider)).toBeNull()
				throw new Error('roll back')
			}),
		).rejects.toThrow('roll back')
		// …and after the rollback neither the versions nor the ranking moved.
		expect(await readInputVersions(db)).toEqual(versions)
		expect(canonicalJson(await buildSeasonRanking(db, { seasonId, now: later }))).toBe(before)
		const { cached, fresh } = await cachedAndFresh(db, seasonId, later)
		expect(cached).toBe(fresh)
	})

	test('starting a paper does not touch the versions: the exam-start path stays as it was', async () => {
		const db = await getDb()
		const { round1, people } = await scenario(db)
		const versions = await readInputVersions(db)
		await db.attempt.create({
			data: { roundId: round1.id, userId: people.d.id, seed: 'x', deadline: new Date(Date.now() + HOUR), maxScore: 4, status: 'open' },
		})
		expect(await readInputVersions(db)).toEqual(versions)
	})

	test('papers of people the directory does not hold are still added up, each under a slot of their own', async () => {
		const db = await getDb()
		const { now, round1 } = await scenario(db)
		const later = new Date(now.getTime() + 5 * HOUR)
		const full = await readDirectoryUsers(db, provider, null, null)
		// A directory that holds nobody: every paper's person is an outsider (the arrays grow past their first size).
		const empty: DirectoryUsers = { list: [], indexOf: new Map() }
		const rounds = [{ roundId: round1.id, release: 'released' as const, weightHundredths: 100, accommodated: new Set<string>() }]
		const byId = (standings: Awaited<ReturnType<typeof readStandings>>['standings']) =>
			Object.fromEntries(standings.userIds.map((id, i) => [id, [standings.points[i], standings.timeUsedMs[i], standings.submittedAt[i], standings.roundsCounted[i]]]))
		const withEveryone = await readStandings(db, { provider, rounds, now: later, versions: null, cache: null, directory: full })
		const withNobody = await readStandings(db, { provider, rounds, now: later, versions: null, cache: null, directory: empty })
		expect(withEveryone.standings.userIds.length).toBeGreaterThan(0)
		expect(byId(withNobody.standings)).toEqual(byId(withEveryone.standings))
		expect(withNobody.standings.users.every((user) => user === undefined)).toBe(true)
	})
})
