// Choosing units from the organisation tree (issue 11 item 7): check boxes in tree order, a
// search box, and whole kinds or whole branches at once, instead of a long multi-select that
// needs Ctrl-click. A chosen unit includes its lower units (the server's rule), so those are
// shown as included. The check boxes are ordinary form fields: without JavaScript the tree
// still posts, only the search and the shortcuts need it.
import { useId, useMemo, useState } from 'react'
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '#app/admin/unit-kinds.ts'
import { ErrorList } from './forms.tsx'

export type PickerUnit = { id: string; name: string; kind: string; parentId: string | null; depth: number; path: string }

function ancestorsOf(unit: PickerUnit, byId: Map<string, PickerUnit>) {
	const chain: string[] = []
	let current = unit.parentId ? byId.get(unit.parentId) : undefined
	while (current && !chain.includes(current.id)) {
		chain.push(current.id)
		current = current.parentId ? byId.get(current.parentId) : undefined
	}
	return chain
}

export function UnitTreePicker({
	name,
	label,
	units,
	defaultSelected,
	errors,
}: {
	name: string
	label: string
	units: PickerUnit[]
	defaultSelected: string[]
	errors?: string[]
}) {
	const id = useId()
	const [selected, setSelected] = useState(() => new Set(defaultSelected))
	const [query, setQuery] = useState('')
	const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units])
	const ancestors = useMemo(() => new Map(units.map((u) => [u.id, ancestorsOf(u, byId)])), [units, byId])
	const kindsPresent = UNIT_KINDS.filter((kind) => units.some((u) => u.kind === kind))

	const term = query.trim()
	// A match shows with the units above it, so its place in the tree stays clear.
	const visible = useMemo(() => {
		if (!term) return null
		const shown = new Set<string>()
		for (const unit of units) {
			if (!unit.name.includes(term) && !unit.path.includes(term)) continue
			shown.add(unit.id)
			for (const ancestor of ancestors.get(unit.id) ?? []) shown.add(ancestor)
		}
		return shown
	}, [term, units, ancestors])

	const includedBy = (unit: PickerUnit) => (ancestors.get(unit.id) ?? []).find((ancestor) => selected.has(ancestor))
	const toggle = (unitId: string, on: boolean) =>
		setSelected((current) => {
			const next = new Set(current)
			if (on) next.add(unitId)
			else next.delete(unitId)
			return next
		})
	const chooseKind = (kind: UnitKind) => setSelected((current) => new Set([...current, ...units.filter((u) => u.kind === kind).map((u) => u.id)]))
	const chosen = units.filter((u) => selected.has(u.id))

	return (
		<div className="flex min-w-0 flex-col gap-2" role="group" aria-labelledby={`${id}-label`}>
			<p id={`${id}-label`} className="text-sm font-medium">
				{label}
			</p>
			<div className="flex flex-wrap items-center gap-2">
				<label className="flex min-w-0 items-center gap-2 text-sm">
					<span className="shrink-0">查找单位</span>
					<input type="search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="输入单位名称" className="min-w-0 rounded border px-2 py-1" />
				</label>
				<span className="text-sm text-gray-700">按类型全选：</span>
				{kindsPresent.map((kind) => (
					<button key={kind} type="button" onClick={() => chooseKind(kind)} className="rounded border border-gray-300 px-2 py-1 text-sm hover:border-brand-600">
						{UNIT_KIND_LABELS[kind]}
					</button>
				))}
				{selected.size ? (
					<button type="button" onClick={() => setSelected(new Set())} className="rounded px-2 py-1 text-sm text-brand-700 hover:underline">
						全部清除
					</button>
				) : null}
			</div>
			<p className="text-sm text-gray-700" aria-live="polite">
				{chosen.length ? `已选 ${chosen.length} 个单位（含其下级单位）：${chosen.map((u) => u.name).join('、')}` : '未选择单位。'}
			</p>
			<ul className="max-h-80 overflow-auto rounded border bg-white p-2 text-sm">
				{units.map((unit) => {
					const parentChosen = includedBy(unit)
					const hidden = visible !== null && !visible.has(unit.id)
					return (
						<li key={unit.id} hidden={hidden} style={{ paddingLeft: `${unit.depth * 1.25}rem` }}>
							<label className="flex min-h-8 items-center gap-2">
								<input type="checkbox" name={name} value={unit.id} checked={selected.has(unit.id)} onChange={(event) => toggle(unit.id, event.target.checked)} className="h-4 w-4" />
								<span className={visible?.has(unit.id) && term && unit.name.includes(term) ? 'font-semibold' : undefined}>{unit.name}</span>
								<span className="text-xs text-gray-600">{UNIT_KIND_LABELS[unit.kind as UnitKind] ?? unit.kind}</span>
								{parentChosen && !selected.has(unit.id) ? <span className="text-xs text-green-800">（已随“{byId.get(parentChosen)?.name}”包含）</span> : null}
							</label>
						</li>
					)
				})}
			</ul>
			{visible !== null && visible.size === 0 ? <p className="text-sm text-gray-700">没有名称含“{term}”的单位。</p> : null}
			<ErrorList errors={errors} />
		</div>
	)
}
