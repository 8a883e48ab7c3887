// A unit's people in a ranking (drill-down from a unit row): ranked members and its 缺考.
// Shared by the admin's draft and the published board's drill-down page.
import { DataTable } from './data-table.tsx'

type Members = {
	people: { rank: number; name: string; unitName: string; score: number }[]
	absent: { name: string; unitName: string }[]
}

export function UnitMembersTable({ members }: { members: Members }) {
	return (
		<>
			<DataTable columns={['名次', '姓名', '单位', '得分']} rowCount={members.people.length} emptyMessage="该单位无人参与排名" label="单位人员">
				{members.people.map((person, index) => (
					<tr key={index}>
						<td className="px-3 py-2 tabular-nums">{person.rank}</td>
						<td className="px-3 py-2">{person.name}</td>
						<td className="px-3 py-2 break-all">{person.unitName}</td>
						<td className="px-3 py-2 tabular-nums">{person.score}</td>
					</tr>
				))}
			</DataTable>
			{members.absent.length ? <p className="mt-2">缺考：{members.absent.map((p) => `${p.name}（${p.unitName}）`).join('、')}</p> : null}
		</>
	)
}
