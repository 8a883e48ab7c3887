// The benchmark's season (bench/ranking.bench.ts): written with createMany in chunks, not
// through the exam code, because sitting 100,000 papers one by one would take an hour; the
// rows have the shape the exam code leaves behind (closed, fully graded, released after close).
import type { Db } from '#app/utils/db-client.server.ts'

const UNITS = 120
const DAY = 86_400_000

async function inChunks<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
	for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size))
}

/**
 * A closed season: a bureau with UNITS departments, PEOPLE × 51/50 learners and ROUNDS graded
 * rounds; each round a rotating 1 in 51 is absent, so every round has exactly PEOPLE papers
 * (4 × 25,000 = 100,000). 1 in 100 has extra time in a round.
 */
export async function seedRankingSeason(db: Db, { people: PEOPLE, rounds: ROUNDS }: { people: number; rounds: number }) {
	const now = Date.now()
	const bureau = await db.unit.create({ data: { name: '压测审计局', kind: 'bureau' }, select: { id: true } })
	const units = Array.from({ length: UNITS }, (_, i) => ({ id: `bench-unit-${i}`, name: `压测科室${String(i).padStart(3, '0')}`, kind: i % 3 ? 'department' : 'subdistrict', parentId: bureau.id }))
	await db.unit.createMany({ data: units })
	const users = Array.from({ length: Math.ceil((PEOPLE * 51) / 50) }, (_, i) => ({ id: `bench-user-${i}`, username: `b${String(i).padStart(6, '0')}`, name: `压测人员${i}`, unitId: units[i % UNITS]!.id }))
	await inChunks(users, 5000, (chunk) => db.user.createMany({ data: chunk }))
	await inChunks(users, 5000, (chunk) => db.userRole.createMany({ data: chunk.map((u) => ({ userId: u.id, role: 'learner' })) }))
	const admin = await db.user.create({ data: { username: 'bench-admin', name: '压测管理员', unitId: bureau.id, roles: { create: { role: 'admin' } } }, select: { id: true } })
	const season = await db.season.create({ data: { year: 2100, name: '压测赛季' }, select: { id: true } })
	for (let r = 0; r < ROUNDS; r++) {
		const closesAt = new Date(now - (ROUNDS - r) * 7 * DAY)
		const round = await db.round.create({
			data: {
				seasonId: season.id,
				position: r + 1,
				title: `第${r + 1}轮`,
				topic: 'fiscal',
				status: 'published',
				opensAt: new Date(closesAt.getTime() - 2 * DAY),
				closesAt,
				timeLimitMinutes: 60,
				scoreRelease: 'after_close',
				drawRules: { create: [{ position: 1, topic: 'fiscal', type: 'single', count: 50, pointsEach: 2 }] },
				// Half the rounds name the bureau (eligibility through the unit tree), half name nobody (every learner).
				eligibility: r % 2 ? { create: [{ kind: 'unit', value: bureau.id }] } : undefined,
			},
			select: { id: true, opensAt: true },
		})
		await db.accommodation.createMany({ data: users.filter((_, i) => (i + r) % 100 === 0).map((u) => ({ roundId: round.id, userId: u.id, extraMinutes: 30 })) })
		const attempts = users
			.filter((_, i) => (i * 7 + r) % 51 !== 0)
			.slice(0, PEOPLE)
			.map((u, i) => {
				const startedAt = new Date(round.opensAt.getTime() + ((i * 37) % 1440) * 60_000)
				return {
					roundId: round.id,
					userId: u.id,
					status: 'submitted',
					seed: `s${i}`,
					startedAt,
					deadline: new Date(startedAt.getTime() + 60 * 60_000),
					finishedAt: new Date(startedAt.getTime() + (600 + ((i * 131 + r * 17) % 3000)) * 1000),
					maxScore: 100,
					score: ((i * 7919 + r * 104_729) % 201) / 2,
					gradingStatus: 'complete',
				}
			})
		await inChunks(attempts, 5000, (chunk) => db.attempt.createMany({ data: chunk }))
	}
	const attempts = await db.attempt.count()
	return { seasonId: season.id, adminId: admin.id, attempts, units: UNITS }
}
