// The numbers on the admin start page.
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { withActors } from './audit-entries.ts'
import { ROLES, type Role } from '#app/utils/roles.ts'

export async function adminOverview(db: DbOrTx) {
	const [unitsActive, unitsInactive, usersActive, usersInactive, pendingPasswordChange, roleCounts, recent] = await Promise.all([
		db.unit.count({ where: { active: true } }),
		db.unit.count({ where: { active: false } }),
		db.user.count({ where: { active: true } }),
		db.user.count({ where: { active: false } }),
		db.user.count({ where: { active: true, mustChangePassword: true } }),
		db.userRole.groupBy({ by: ['role'], where: { user: { active: true } }, _count: { _all: true } }),
		db.auditLog.findMany({
			orderBy: { id: 'desc' },
			take: 8,
			select: { id: true, action: true, actorId: true, actorName: true, summary: true, createdAt: true },
		}),
	])
	const byRole = new Map(roleCounts.map((r) => [r.role, r._count._all]))
	return {
		units: { active: unitsActive, inactive: unitsInactive },
		users: { active: usersActive, inactive: usersInactive, pendingPasswordChange },
		roles: ROLES.map((role) => ({ role: role as Role, count: byRole.get(role) ?? 0 })),
		// Entries written before names were recorded carry only the actor's id.
		recent: (await withActors(db, recent)).map(({ id, action, actorName, actorUsername, summary, createdAt }) => ({ id, action, actorName, actorUsername, summary, createdAt })),
	}
}
