// Demo data for `npm start` and `npm run seed` (both via scripts/prepare-data.ts): written
// only into an empty database, so a rerun never overwrites anything. Each domain seeds its own part.
import { seedExamSeason } from '#app/exams/seed-exam-season.ts'
import { seedQuestionBank } from '#app/exams/seed-questions.ts'
import { seedMentorship } from '#app/mentorship/seed.ts'
import { seedAppeals } from '#app/rankings/appeals-seed.ts'
import { seedPublishedRanking } from '#app/rankings/seed.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { hashPassword } from '#app/utils/password.server.ts'
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from './demo-data.ts'

export async function seedOrganisation(db: Db) {
	const unitIds = new Map<string, string>()
	for (const [index, unit] of DEMO_UNITS.entries()) {
		const created = await db.unit.create({
			data: { name: unit.name, kind: unit.kind, parentId: unit.parent ? unitIds.get(unit.parent) : null, sortOrder: index },
		})
		unitIds.set(unit.key, created.id)
	}
	// Everyone shares the demo password, so one argon2 hash serves them all.
	const hash = await hashPassword(DEMO_PASSWORD)
	for (const user of DEMO_USERS) {
		await db.user.create({
			data: {
				username: user.username,
				name: user.name,
				unitId: unitIds.get(user.unit)!,
				phone: user.phone ?? null,
				mustChangePassword: false,
				password: { create: { hash } },
				roles: { create: user.roles.map((role) => ({ role })) },
			},
		})
	}
}

export async function seedDemoData(db: Db, now = new Date()) {
	if ((await db.user.count()) > 0) return { seeded: false }
	await seedOrganisation(db)
	const admin = await db.user.findUniqueOrThrow({ where: { username: 'admin' }, select: { id: true } })
	await seedQuestionBank(db, { actorId: admin.id })
	// A 2026 season: one round open now, one closed with graded attempts by the demo people.
	const season = await seedExamSeason(db, { now })
	// 绩效比拼晾晒: the graded round's ranking, published (ADR 061).
	await seedPublishedRanking(db, { roundId: season.closedRoundId, now })
	// 成绩申诉 on it: one open, one accepted, one rejected, the decided ones notified (ADR 062).
	await seedAppeals(db, { roundId: season.closedRoundId, now })
	// 导师带徒 pairs with months of records (after the courses and the season it refers to).
	await seedMentorship(db, { now })
	return { seeded: true }
}
