// What changed between two versions of a ranking (or a draft and the last publication),
// person by person and unit by unit, with the reason.
import { DataTable } from '#app/components/data-table.tsx'
import type { DiffView } from '#app/rankings/view.ts'

const place = (p: { rank: number; score: number } | null, status: string) => (p ? `第 ${p.rank} 名 · ${p.score} 分` : status)

export function RankingDiffView({ diff, title }: { diff: DiffView; title: string }) {
	return (
		<section aria-label={title} className="flex min-w-0 flex-col gap-3">
			<h3 className="font-semibold">{title}</h3>
			{diff.people.length === 0 && diff.units.length === 0 ? (
				<p className="text-sm text-gray-600">与上一版相比没有变化。</p>
			) : (
				<>
					<DataTable columns={['姓名', '单位', '变化前', '变化后', '原因']} rowCount={diff.people.length} emptyMessage="个人排名没有变化" label="个人变化">
						{diff.people.map((person, index) => (
							<tr key={index}>
								<td className="px-3 py-2">{person.name}</td>
								<td className="px-3 py-2 break-all">{person.unitName}</td>
								<td className="px-3 py-2 whitespace-nowrap">{place(person.before, person.beforeStatus)}</td>
								<td className="px-3 py-2 whitespace-nowrap">{place(person.after, person.afterStatus)}</td>
								<td className="px-3 py-2">{person.reasons.join('；')}</td>
							</tr>
						))}
					</DataTable>
					<DataTable columns={['单位', '变化前', '变化后', '原因']} rowCount={diff.units.length} emptyMessage="单位排名没有变化" label="单位变化">
						{diff.units.map((unit, index) => (
							<tr key={index}>
								<td className="px-3 py-2 break-all">{unit.unitName}</td>
								<td className="px-3 py-2 whitespace-nowrap">{unit.before ? `第 ${unit.before.rank} 名 · 指数 ${unit.before.index}` : '—'}</td>
								<td className="px-3 py-2 whitespace-nowrap">{unit.after ? `第 ${unit.after.rank} 名 · 指数 ${unit.after.index}` : '—'}</td>
								<td className="px-3 py-2">{unit.reasons.join('；')}</td>
							</tr>
						))}
					</DataTable>
				</>
			)}
		</section>
	)
}
