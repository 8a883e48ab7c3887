// Units: the organisation tree an admin keeps. Every change is audited in its transaction.
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { auditActor, NOT_FOUND, refuse, type Actor, type Refusal } from './actor.ts'
import { UNIT_KIND_LABELS, type UnitKind } from './unit-kinds.ts'
import { buildUnitTree, flattenTree, joinUnitPath, subtreeIds, unitPathNames, wouldCreateCycle } from './unit-tree.ts'

const UNIT_COLUMNS = { id: true, name: true, kind: true, parentId: true, active: true, sortOrder: true } as const

export type UnitRow = { id: string; name: string; kind: string; parentId: string | null; active: boolean; sortOrder: number }
export type UnitWithCounts = UnitRow & { activeUsers: number }

export function loadAllUnits(db: DbOrTx): Promise<UnitRow[]> {
	return db.unit.findMany({ select: UNIT_COLUMNS, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] })
}

/** Every unit with its count of active people, nested for the tree page. */
export async function unitTreeWithCounts(db: DbOrTx) {
	const [units, counts] = await Promise.all([
		loadAllUnits(db),
		db.user.groupBy({ by: ['unitId'], where: { active: true }, _count: { _all: true } }),
	])
	const countByUnit = new Map(counts.map((c) => [c.unitId, c._count._all]))
	return buildUnitTree(units.map((u): UnitWithCounts => ({ ...u, activeUsers: countByUnit.get(u.id) ?? 0 })))
}

export type UnitChoice = { id: string; label: string; name: string; kind: string; parentId: string | null; path: string; depth: number; active: boolean }

/** Units in tree order with indentation and full path, for pickers and filters. */
export async function unitChoices(db: DbOrTx, { includeInactive = false } = {}): Promise<UnitChoice[]> {
	const units = await loadAllUnits(db)
	const byId = new Map(units.map((u) => [u.id, u]))
	return flattenTree(buildUnitTree(units))
		.filter((node) => includeInactive || node.active)
		.map((node) => ({
			id: node.id,
			label: `${'　'.repeat(node.depth)}${node.name}${node.active ? '' : '（已停用）'}`,
			name: node.name,
			kind: node.kind,
			parentId: node.parentId,
			path: joinUnitPath(unitPathNames(byId, node.id)),
			depth: node.depth,
			active: node.active,
		}))
}

/** Where a unit may move: any active unit outside its own subtree (the server re-checks on save). */
export async function parentChoicesFor(db: DbOrTx, unitId: string) {
	const excluded = subtreeIds(await loadAllUnits(db), unitId)
	return (await unitChoices(db)).filter((choice) => !excluded.has(choice.id))
}

export async function getUnitDetail(db: DbOrTx, unitId: string) {
	const unit = await db.unit.findUnique({ where: { id: unitId }, select: UNIT_COLUMNS })
	if (!unit) return null
	const units = await loadAllUnits(db)
	const [activeUsers, inactiveUsers, activeChildren] = await Promise.all([
		db.user.count({ where: { unitId, active: true } }),
		db.user.count({ where: { unitId, active: false } }),
		db.unit.count({ where: { parentId: unitId, active: true } }),
	])
	return { ...unit, path: joinUnitPath(unitPathNames(units, unitId)), activeUsers, inactiveUsers, activeChildren }
}

export type UnitInput = { name: string; kind: UnitKind; parentId: string | null }

function snapshot(unit: { name: string; kind: string; parentId: string | null; active: boolean }, units: readonly UnitRow[]) {
	return {
		name: unit.name,
		kind: unit.kind,
		parentId: unit.parentId,
		parent: unit.parentId ? joinUnitPath(unitPathNames(units, unit.parentId)) : null,
		active: unit.active,
	}
}

async function siblingNamed(db: DbOrTx, { name, parentId, exceptId }: { name: string; parentId: string | null; exceptId?: string }) {
	return db.unit.findFirst({
		where: { name, parentId, ...(exceptId ? { id: { not: exceptId } } : {}) },
		select: { id: true, active: true },
	})
}

function duplicateMessage(name: string, sibling: { active: boolean }) {
	return sibling.active ? `同一上级下已有名为“${name}”的单位` : `同一上级下已有名为“${name}”的停用单位，可将其重新启用`
}

export async function createUnit(db: Db, actor: Actor, input: UnitInput): Promise<{ ok: true; unitId: string } | Refusal> {
	return auditedTransaction(db, async (tx) => {
		if (input.parentId) {
			const parent = await tx.unit.findUnique({ where: { id: input.parentId }, select: { active: true } })
			if (!parent) return refuse('parentId', '上级单位不存在')
			if (!parent.active) return refuse('parentId', '上级单位已停用，请先启用它或另选上级')
		}
		const sibling = await siblingNamed(tx, input)
		if (sibling) return refuse('name', duplicateMessage(input.name, sibling))
		const last = await tx.unit.findFirst({ orderBy: { sortOrder: 'desc' }, select: { sortOrder: true } })
		const unit = await tx.unit.create({
			data: { name: input.name, kind: input.kind, parentId: input.parentId, sortOrder: (last?.sortOrder ?? 0) + 1 },
			select: UNIT_COLUMNS,
		})
		const units = await loadAllUnits(tx)
		await writeAuditLog(tx, {
			...auditActor(actor),
			action: 'unit.create',
			targetType: 'Unit',
			targetId: unit.id,
			summary: `新建单位“${unit.name}”（${UNIT_KIND_LABELS[input.kind]}）`,
			after: snapshot(unit, units),
		})
		return { ok: true as const, unitId: unit.id }
	})
}

export async function updateUnit(
	db: Db,
	actor: Actor,
	{ unitId, ...input }: UnitInput & { unitId: string },
): Promise<{ ok: true; changed: boolean } | Refusal> {
	return auditedTransaction(db, async (tx) => {
		const units = await loadAllUnits(tx)
		const current = units.find((u) => u.id === unitId)
		if (!current) return NOT_FOUND
		if (current.name === input.name && current.kind === input.kind && current.parentId === input.parentId) {
			return { ok: true as const, changed: false }
		}
		if (input.parentId !== current.parentId && input.parentId !== null) {
			const parent = units.find((u) => u.id === input.parentId)
			if (!parent) return refuse('parentId', '上级单位不存在')
			if (wouldCreateCycle(units, unitId, input.parentId)) return refuse('parentId', '不能把单位放到它自己或它的下级单位之下')
			if (!parent.active) return refuse('parentId', '上级单位已停用，请先启用它或另选上级')
		}
		const sibling = await siblingNamed(tx, { ...input, exceptId: unitId })
		if (sibling) return refuse('name', duplicateMessage(input.name, sibling))
		const updated = await tx.unit.update({ where: { id: unitId }, data: input, select: UNIT_COLUMNS })
		await writeAuditLog(tx, {
			...auditActor(actor),
			action: 'unit.update',
			targetType: 'Unit',
			targetId: unitId,
			summary: `修改单位“${current.name}”`,
			before: snapshot(current, units),
			after: snapshot(updated, await loadAllUnits(tx)),
		})
		return { ok: true as const, changed: true }
	})
}

/**
 * Deactivating hides the unit from pickers and imports; its people and sub-units are left
 * as they are (people keep signing in), so nobody is locked out by an organisational change.
 */
export async function setUnitActive(
	db: Db,
	actor: Actor,
	{ unitId, active }: { unitId: string; active: boolean },
): Promise<{ ok: true; changed: boolean } | Refusal> {
	return auditedTransaction(db, async (tx) => {
		const unit = await tx.unit.findUnique({ where: { id: unitId }, select: UNIT_COLUMNS })
		if (!unit) return NOT_FOUND
		if (unit.active === active) return { ok: true as const, changed: false }
		const [activeUsers, activeChildren] = await Promise.all([
			tx.user.count({ where: { unitId, active: true } }),
			tx.unit.count({ where: { parentId: unitId, active: true } }),
		])
		await tx.unit.update({ where: { id: unitId }, data: { active } })
		const units = await loadAllUnits(tx)
		await writeAuditLog(tx, {
			...auditActor(actor),
			action: active ? 'unit.reactivate' : 'unit.deactivate',
			targetType: 'Unit',
			targetId: unitId,
			summary: active
				? `重新启用单位“${unit.name}”`
				: `停用单位“${unit.name}”（其下 ${activeUsers} 名在用人员、${activeChildren} 个在用下级单位保持不变）`,
			before: snapshot(unit, units),
			after: snapshot({ ...unit, active }, units),
		})
		return { ok: true as const, changed: true }
	})
}
