// One ranking (draft or published snapshot) as a board: rules, people, 缺考, units. Used by
// the admin's draft review and the learners' board, so both show the same rows the same way.
import { Link } from '@remix-run/react'
import { DataTable } from '#app/components/data-table.tsx'
import type { BoardView } from '#app/rankings/view.ts'
import { cn } from '#app/utils/misc.ts'

/** A board whose rows may carry their unit's kind (the learners' board filters by it). */
type Board = Omit<BoardView, 'people' | 'units'> & {
	people: (BoardView['people'][number] & { unitKind?: string })[]
	units: (BoardView['units'][number] & { unitKind?: string })[]
}

/** `unitHref` turns a unit row's name into a link to its people (admins: every row; members: their own, when allowed; null: no link). */
export function RankingBoard({ board, unitHref }: { board: Board; unitHref?: (index: number) => string | null }) {
	const season = board.scope === 'season'
	return (
		<div className="flex min-w-0 flex-col gap-6">
			{board.own ? (
				<section aria-label="我的名次" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
					{board.own.status === 'ranked' ? (
						<p>
							我的名次：第 <strong className="text-lg">{board.own.rank}</strong> 名（共 {board.own.of} 人排名），得分 {board.own.score}，超过了 {board.own.aheadOfPercent}% 的参与排名人员。
						</p>
					) : (
						<p>{board.own.status === 'absent' ? '本榜单中您为缺考。' : '您的成绩尚未公布或仍在阅卷，暂未排名。'}</p>
					)}
				</section>
			) : null}
			<section aria-label="排名规则" className="rounded-lg border bg-white p-4 text-sm text-gray-700">
				<h3 className="mb-2 font-semibold text-gray-900">排名规则</h3>
				<ul className="list-disc space-y-1 pl-5">
					<li>{board.rules.person}</li>
					<li>{board.rules.accommodation}</li>
					<li>{board.rules.absent}</li>
					<li>{board.rules.unitIndex}</li>
					{board.rules.season ? <li>{board.rules.season}</li> : null}
				</ul>
				<p className="mt-2">满分 {board.maxScore} 分{season ? (board.rules.season ? '（各轮满分按上述赛季总分公式计算）' : '（本赛季各轮满分之和；未参加的轮次计 0 分）') : ''}。</p>
			</section>

			<section aria-label="个人排名" className="min-w-0">
				<h3 className="mb-2 font-semibold">个人排名（{board.people.length} 人）</h3>
				<DataTable columns={['名次', '姓名', '单位', '得分', season ? '参加轮次' : '用时']} rowCount={board.people.length} emptyMessage="暂无已公布的成绩" label="个人排名">
					{board.people.map((person, index) => (
						<tr key={index} className={cn(person.mine && 'bg-amber-50 font-semibold')} aria-current={person.mine ? 'true' : undefined}>
							<td className="px-3 py-2 tabular-nums">{person.rank}</td>
							<td className="px-3 py-2">
								{person.name}
								{person.mine ? <span className="ml-1 text-xs text-amber-800">（我）</span> : null}
								{person.accommodated ? <span className="ml-1 text-xs text-gray-600" title={board.rules.accommodation}>照顾</span> : null}
							</td>
							<td className="px-3 py-2 break-all">
								{person.unitName}
								{person.unitKind ? <span className="ml-1 text-xs whitespace-nowrap text-gray-500">{person.unitKind}</span> : null}
							</td>
							<td className="px-3 py-2 tabular-nums">{person.score}</td>
							<td className="px-3 py-2 whitespace-nowrap">{season ? person.roundsSat : person.timeUsed}</td>
						</tr>
					))}
				</DataTable>
			</section>

			<section aria-label="缺考" className="min-w-0">
				<h3 className="mb-2 font-semibold">缺考（{board.absent.length} 人）</h3>
				{board.absent.length === 0 ? (
					<p className="text-sm text-gray-600">无缺考人员。</p>
				) : (
					<ul className="flex flex-wrap gap-2 text-sm">
						{board.absent.map((person, index) => (
							<li key={index} className={cn('rounded border bg-white px-2 py-1', person.mine && 'border-amber-400 bg-amber-50')}>
								{person.name}
								<span className="ml-1 text-gray-500">{person.unitName}</span>
							</li>
						))}
					</ul>
				)}
				{board.pendingCount > 0 ? <p className="mt-2 text-sm text-gray-600">另有 {board.pendingCount} 人成绩尚未公布或仍在阅卷，暂不排名。</p> : null}
			</section>

			<section aria-label="单位排名" className="min-w-0">
				<h3 className="mb-2 font-semibold">单位排名</h3>
				<DataTable columns={['名次', '单位', '参考/应考', '参考率', '平均分', '指数']} rowCount={board.units.length} emptyMessage="暂无单位数据" label="单位排名">
					{board.units.map((unit, index) => (
						<tr key={index}>
							<td className="px-3 py-2 tabular-nums">{unit.rank}</td>
							<td className="px-3 py-2 break-all">
								{unitHref?.(index) ? (
									<Link to={unitHref(index)!} className="text-brand-700 hover:underline">
										{unit.unitName}
									</Link>
								) : (
									unit.unitName
								)}
								{unit.merged ? <span className="ml-1 text-xs text-gray-600">（{unit.merged} 个单位）</span> : null}
								{unit.unitKind ? <span className="ml-1 text-xs text-gray-500">{unit.unitKind}</span> : null}
							</td>
							<td className="px-3 py-2 tabular-nums whitespace-nowrap">
								{unit.participants}/{unit.eligible}
							</td>
							<td className="px-3 py-2 tabular-nums">{unit.participation}</td>
							<td className="px-3 py-2 tabular-nums">{unit.meanScore ?? '—'}</td>
							<td className="px-3 py-2 tabular-nums font-semibold">{unit.index}</td>
						</tr>
					))}
				</DataTable>
			</section>
		</div>
	)
}
