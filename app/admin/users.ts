// People: accounts an admin creates, edits, deactivates and resets. Temporary passwords are
// returned once to the caller and never stored or logged in plain text.
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx, DbTx } from '#app/utils/db-client.server.ts'
import { generateTemporaryPassword, hashPassword } from '#app/utils/password.server.ts'
import type { Role } from '#app/utils/roles.ts'
import { invalidateAllSessions } from '#app/utils/session.server.ts'
import { auditActor, NOT_FOUND, refuse, type Actor, type Refusal } from './actor.ts'
import { loadAllUnits } from './units.ts'
import { joinUnitPath, subtreeIds, unitPathNames } from './unit-tree.ts'
import { roleLabels } from './user-fields.ts'

export const USERS_PAGE_SIZE = 20

export type UserFilters = {
	q?: string
	unitId?: string
	/** Include people of the unit's sub-units too. */
	includeSubunits?: boolean
	role?: Role
	/** `pending`: active and still holding a temporary password. */
	status?: 'active' | 'inactive' | 'pending'
}

async function userWhere(db: DbOrTx, { q, unitId, includeSubunits = true, role, status }: UserFilters) {
	const search = q?.trim()
	const unitIds = unitId ? (includeSubunits ? [...subtreeIds(await loadAllUnits(db), unitId)] : [unitId]) : undefined
	return {
		...(search ? { OR: [{ username: { contains: search } }, { name: { contains: search } }] } : {}),
		...(unitIds ? { unitId: { in: unitIds } } : {}),
		...(role ? { roles: { some: { role } } } : {}),
		...(status === 'pending' ? { active: true, mustChangePassword: true } : status ? { active: status === 'active' } : {}),
	}
}

const LIST_SELECT = {
	id: true,
	username: true,
	name: true,
	phone: true,
	active: true,
	mustChangePassword: true,
	createdAt: true,
	unit: { select: { id: true, name: true, active: true } },
	roles: { select: { role: true } },
} as const

export async function listUsers(db: DbOrTx, filters: UserFilters, page = 1, pageSize = USERS_PAGE_SIZE) {
	const where = await userWhere(db, filters)
	const total = await db.user.count({ where })
	const pageCount = Math.max(1, Math.ceil(total / pageSize))
	const current = Math.min(Math.max(1, Math.floor(page)), pageCount)
	const rows = await db.user.findMany({
		where,
		select: LIST_SELECT,
		orderBy: [{ username: 'asc' }],
		skip: (current - 1) * pageSize,
		take: pageSize,
	})
	return { total, page: current, pageCount, users: rows.map(({ roles, ...user }) => ({ ...user, roles: roles.map((r) => r.role as Role) })) }
}

/** Every matching person, for the export (no paging). */
export async function allUsersForExport(db: DbOrTx, filters: UserFilters) {
	const where = await userWhere(db, filters)
	const [rows, units] = await Promise.all([db.user.findMany({ where, select: LIST_SELECT, orderBy: [{ username: 'asc' }] }), loadAllUnits(db)])
	const byId = new Map(units.map((u) => [u.id, u]))
	return rows.map(({ roles, unit, ...user }) => ({
		...user,
		unitName: unit.name,
		unitPath: joinUnitPath(unitPathNames(byId, unit.id)),
		roles: roles.map((r) => r.role as Role),
	}))
}

export async function getUserDetail(db: DbOrTx, userId: string) {
	const user = await db.user.findUnique({
		where: { id: userId },
		select: { ...LIST_SELECT, updatedAt: true, _count: { select: { sessions: true } } },
	})
	if (!user) return null
	const { roles, _count, ...rest } = user
	return { ...rest, roles: roles.map((r) => r.role as Role), activeSessions: _count.sessions }
}

type UserSnapshotSource = { username: string; name: string; unitId: string; phone: string | null; active: boolean; roles: readonly string[] }

async function snapshot(db: DbOrTx, user: UserSnapshotSource) {
	const units = await loadAllUnits(db)
	return {
		username: user.username,
		name: user.name,
		unitId: user.unitId,
		unit: joinUnitPath(unitPathNames(units, user.unitId)),
		roles: [...user.roles],
		phone: user.phone,
		active: user.active,
	}
}

async function loadForChange(tx: DbTx, userId: string) {
	const user = await tx.user.findUnique({
		where: { id: userId },
		select: { id: true, username: true, name: true, unitId: true, phone: true, active: true, roles: { select: { role: true } } },
	})
	return user ? { ...user, roles: user.roles.map((r) => r.role as Role) } : null
}

async function checkUnitChoice(tx: DbOrTx, unitId: string, currentUnitId?: string) {
	const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { active: true } })
	if (!unit) return refuse('unitId', '所选单位不存在')
	// Keeping someone in a unit that was later deactivated is allowed; moving someone into one is not.
	if (!unit.active && unitId !== currentUnitId) return refuse('unitId', '所选单位已停用，请另选单位')
	return null
}

export type NewUserInput = { username: string; name: string; unitId: string; roles: Role[]; phone: string | null }

export async function createUser(
	db: Db,
	actor: Actor,
	input: NewUserInput,
): Promise<{ ok: true; userId: string; temporaryPassword: string } | Refusal> {
	const temporaryPassword = generateTemporaryPassword()
	const hash = await hashPassword(temporaryPassword)
	try {
		return await auditedTransaction(db, async (tx) => {
			if (await tx.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
				return refuse('username', `工号“${input.username}”已存在`)
			}
			const unitProblem = await checkUnitChoice(tx, input.unitId)
			if (unitProblem) return unitProblem
			const user = await tx.user.create({
				data: {
					username: input.username,
					name: input.name,
					unitId: input.unitId,
					phone: input.phone,
					mustChangePassword: true,
					password: { create: { hash } },
					roles: { create: input.roles.map((role) => ({ role })) },
				},
				select: { id: true },
			})
			await writeAuditLog(tx, {
				...auditActor(actor),
				action: 'user.create',
				targetType: 'User',
				targetId: user.id,
				summary: `新建用户 ${input.username} ${input.name}（${roleLabels(input.roles)}）`,
				after: await snapshot(tx, { ...input, active: true }),
			})
			return { ok: true as const, userId: user.id, temporaryPassword }
		})
	} catch (error) {
		if (isUniqueViolation(error)) return refuse('username', `工号“${input.username}”已存在`)
		throw error
	}
}

export function isUniqueViolation(error: unknown) {
	return (error as { code?: string } | null)?.code === 'P2002'
}

export type UserEditInput = { userId: string; name: string; unitId: string; roles: Role[]; phone: string | null }

const SELF_ADMIN_MESSAGE = '不能取消自己的管理员身份；如需移交，请由另一位管理员操作'

export async function updateUser(db: Db, actor: Actor, input: UserEditInput): Promise<{ ok: true; changed: boolean } | Refusal> {
	return auditedTransaction(db, async (tx) => {
		const current = await loadForChange(tx, input.userId)
		if (!current) return NOT_FOUND
		if (current.id === actor.id && current.roles.includes('admin') && !input.roles.includes('admin')) return refuse('roles', SELF_ADMIN_MESSAGE)
		const unitProblem = await checkUnitChoice(tx, input.unitId, current.unitId)
		if (unitProblem) return unitProblem
		const sameRoles = current.roles.length === input.roles.length && current.roles.every((r) => input.roles.includes(r))
		if (current.name === input.name && current.unitId === input.unitId && current.phone === input.phone && sameRoles) {
			return { ok: true as const, changed: false }
		}
		await tx.user.update({ where: { id: input.userId }, data: { name: input.name, unitId: input.unitId, phone: input.phone } })
		if (!sameRoles) {
			await tx.userRole.deleteMany({ where: { userId: input.userId, role: { notIn: input.roles } } })
			const added = input.roles.filter((role) => !current.roles.includes(role))
			if (added.length) await tx.userRole.createMany({ data: added.map((role) => ({ userId: input.userId, role })) })
		}
		await writeAuditLog(tx, {
			...auditActor(actor),
			action: sameRoles ? 'user.update' : 'user.roles',
			targetType: 'User',
			targetId: input.userId,
			summary: sameRoles
				? `修改用户 ${current.username} 的资料`
				: `修改用户 ${current.username} 的身份：${roleLabels(current.roles)} → ${roleLabels(input.roles)}`,
			before: await snapshot(tx, current),
			after: await snapshot(tx, { ...current, ...input }),
		})
		return { ok: true as const, changed: true }
	})
}

export async function setUserActive(
	db: Db,
	actor: Actor,
	{ userId, active }: { userId: string; active: boolean },
): Promise<{ ok: true; changed: boolean } | Refusal> {
	if (!active && userId === actor.id) return refuse(null, '不能停用自己的账号')
	return auditedTransaction(db, async (tx) => {
		const current = await loadForChange(tx, userId)
		if (!current) return NOT_FOUND
		if (current.active === active) return { ok: true as const, changed: false }
		await tx.user.update({ where: { id: userId }, data: { active } })
		// A deactivated person is signed out everywhere at once, not at their next request.
		if (!active) await invalidateAllSessions(tx, userId)
		await writeAuditLog(tx, {
			...auditActor(actor),
			action: active ? 'user.reactivate' : 'user.deactivate',
			targetType: 'User',
			targetId: userId,
			summary: `${active ? '重新启用' : '停用'}用户 ${current.username} ${current.name}`,
			before: await snapshot(tx, current),
			after: await snapshot(tx, { ...current, active }),
		})
		return { ok: true as const, changed: true }
	})
}

export async function resetUserPassword(
	db: Db,
	actor: Actor,
	{ userId }: { userId: string },
): Promise<{ ok: true; temporaryPassword: string; username: string; name: string } | Refusal> {
	if (userId === actor.id) return refuse(null, '不能在这里重置自己的密码，请使用“修改密码”')
	const temporaryPassword = generateTemporaryPassword()
	const hash = await hashPassword(temporaryPassword)
	return auditedTransaction(db, async (tx) => {
		const current = await loadForChange(tx, userId)
		if (!current) return NOT_FOUND
		const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { mustChangePassword: true, _count: { select: { sessions: true } } } })
		await tx.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash } })
		await tx.user.update({ where: { id: userId }, data: { mustChangePassword: true } })
		await invalidateAllSessions(tx, userId)
		await writeAuditLog(tx, {
			...auditActor(actor),
			action: 'user.reset_password',
			targetType: 'User',
			targetId: userId,
			summary: `重置用户 ${current.username} ${current.name} 的密码（已退出其所有登录，下次登录须修改密码）`,
			before: { mustChangePassword: before.mustChangePassword, sessions: before._count.sessions },
			after: { mustChangePassword: true, sessions: 0 },
		})
		return { ok: true as const, temporaryPassword, username: current.username, name: current.name }
	})
}
