// Pure functions over the unit tree: nesting, paths, subtrees, cycle checks, and resolving
// what a person wrote ("城关街道" or "区审计局/城关街道") to exactly one unit.
// Cycle-safe throughout: a damaged parent chain must never hang a page.
import { UNIT_PATH_SEPARATOR, UNIT_PATH_SPLIT } from './unit-kinds.ts'

export type UnitLink = { id: string; name: string; parentId: string | null; sortOrder?: number }
export type TreeNode<U extends UnitLink> = U & { depth: number; children: TreeNode<U>[] }

function bySortThenName(a: UnitLink, b: UnitLink) {
	return (a.sortOrder ?? 0) - (b.sortOrder ?? 0) || a.name.localeCompare(b.name, 'zh-CN')
}

export function childrenIndex<U extends UnitLink>(units: readonly U[]) {
	const ids = new Set(units.map((u) => u.id))
	const children = new Map<string | null, U[]>()
	for (const unit of units) {
		// A parent outside the list (or missing) makes the unit a root, so nothing disappears.
		const key = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null
		const list = children.get(key) ?? []
		list.push(unit)
		children.set(key, list)
	}
	for (const list of children.values()) list.sort(bySortThenName)
	return children
}

export function buildUnitTree<U extends UnitLink>(units: readonly U[]): TreeNode<U>[] {
	const children = childrenIndex(units)
	const placed = new Set<string>()
	const grow = (unit: U, depth: number): TreeNode<U> => {
		placed.add(unit.id)
		const kids = (children.get(unit.id) ?? []).filter((kid) => !placed.has(kid.id))
		return { ...unit, depth, children: kids.map((kid) => grow(kid, depth + 1)) }
	}
	const roots = (children.get(null) ?? []).map((root) => grow(root, 0))
	// Units caught in a cycle have no root above them; show them at the top rather than lose them.
	for (const unit of units) if (!placed.has(unit.id)) roots.push(grow(unit, 0))
	return roots
}

/** Depth-first order with depth, for indented pickers. */
export function flattenTree<U extends UnitLink>(roots: TreeNode<U>[]): TreeNode<U>[] {
	const out: TreeNode<U>[] = []
	const walk = (node: TreeNode<U>) => {
		out.push(node)
		node.children.forEach(walk)
	}
	roots.forEach(walk)
	return out
}

/** The unit and everything below it. */
export function subtreeIds(units: readonly UnitLink[], rootId: string): Set<string> {
	const children = childrenIndex(units)
	const found = new Set<string>()
	const stack = [rootId]
	while (stack.length) {
		const id = stack.pop()!
		if (found.has(id)) continue
		found.add(id)
		for (const kid of children.get(id) ?? []) stack.push(kid.id)
	}
	return found
}

/** Moving `unitId` under `newParentId` would make it its own ancestor. */
export function wouldCreateCycle(units: readonly UnitLink[], unitId: string, newParentId: string | null) {
	return newParentId !== null && subtreeIds(units, unitId).has(newParentId)
}

/** Names from the top of the tree down to the unit itself. */
export function unitPathNames(units: readonly UnitLink[] | Map<string, UnitLink>, unitId: string): string[] {
	const byId = units instanceof Map ? units : new Map(units.map((u) => [u.id, u]))
	const names: string[] = []
	const seen = new Set<string>()
	let current = byId.get(unitId)
	while (current && !seen.has(current.id)) {
		seen.add(current.id)
		names.unshift(current.name)
		current = current.parentId ? byId.get(current.parentId) : undefined
	}
	return names
}

export function joinUnitPath(names: readonly string[]) {
	return names.join(UNIT_PATH_SEPARATOR)
}

export function splitUnitReference(text: string) {
	return text
		.trim()
		.split(UNIT_PATH_SPLIT)
		.map((part) => part.trim())
		.filter(Boolean)
}

export type IndexedUnit = {
	/** A database id, or a placeholder for a unit that an import will create. */
	id: string
	path: string[]
	active: boolean
	/** Set for units that come from the file being imported. */
	rowNumber?: number
	/** The file row this unit comes from has errors of its own. */
	broken?: boolean
}

export type UnitResolution =
	| { ok: true; unit: IndexedUnit }
	| { ok: false; message: string }

function endsWith(path: readonly string[], tail: readonly string[]) {
	if (tail.length > path.length) return false
	const offset = path.length - tail.length
	return tail.every((name, i) => path[offset + i] === name)
}

/** The shortest tail of `path` that no other of `paths` shares: a hint a person can copy. */
export function shortestDistinctTail(path: readonly string[], others: readonly (readonly string[])[]) {
	for (let length = 1; length <= path.length; length++) {
		const tail = path.slice(path.length - length)
		if (!others.some((other) => other !== path && endsWith(other, tail))) return tail
	}
	return path
}

/** Units by their last name, resolving references by the tail of their path. */
export class UnitPathIndex {
	private byName = new Map<string, IndexedUnit[]>()

	constructor(units: Iterable<IndexedUnit> = []) {
		for (const unit of units) this.add(unit)
	}

	add(unit: IndexedUnit) {
		const name = unit.path[unit.path.length - 1]
		if (name === undefined) return
		const list = this.byName.get(name) ?? []
		list.push(unit)
		this.byName.set(name, list)
	}

	/** Units with exactly this path (for duplicate checks). */
	withPath(path: readonly string[]) {
		return (this.byName.get(path[path.length - 1] ?? '') ?? []).filter((u) => u.path.length === path.length && endsWith(u.path, path))
	}

	resolve(text: string, what = '单位'): UnitResolution {
		const tail = splitUnitReference(text)
		if (tail.length === 0) return { ok: false, message: `请填写${what}` }
		const matches = (this.byName.get(tail[tail.length - 1]!) ?? []).filter((u) => endsWith(u.path, tail))
		const shown = text.trim()
		if (matches.length === 0) return { ok: false, message: `找不到${what}“${shown}”` }
		const active = matches.filter((u) => u.active)
		if (active.length === 1) {
			const [unit] = active as [IndexedUnit]
			if (unit.broken) return { ok: false, message: `${what}“${shown}”（第${unit.rowNumber}行）本身有错误，请先修正该行` }
			return { ok: true, unit }
		}
		if (active.length === 0) return { ok: false, message: `${what}“${shown}”已停用` }
		const paths = active.map((u) => u.path)
		const listed = paths.slice(0, 3).map(joinUnitPath).join('；')
		const hint = joinUnitPath(shortestDistinctTail(paths[0]!, paths))
		return {
			ok: false,
			message: `${what}名称“${shown}”对应 ${active.length} 个单位（${listed}${active.length > 3 ? '等' : ''}），请写出上级以区分，如“${hint}”`,
		}
	}
}
