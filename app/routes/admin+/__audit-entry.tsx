import { auditActionLabel } from '#app/admin/audit-actions.ts'
import { auditChanges, auditTargetLabel, type AuditChange } from '#app/admin/audit-changes.ts'
import { QUESTION_TYPE_LABELS } from '#app/exams/bank/question-types.ts'
import { formatDateTimeSeconds } from '#app/utils/misc.ts'

/** Codes of the question bank that audited records carry. */
const OTHER_VALUE_LABELS: Record<string, string> = { ...QUESTION_TYPE_LABELS }

/** Long values (an imported list, a long reason) are cut so one entry cannot swamp the page. */
const SHOWN_VALUE_CHARS = 600

function shorten(text: string) {
	return text.length > SHOWN_VALUE_CHARS ? `${text.slice(0, SHOWN_VALUE_CHARS)}…（共 ${text.length} 个字符，已截断）` : text
}

export type AuditEntryView = {
	id: number
	createdAt: string | Date
	actorName: string | null
	actorUsername: string | null
	action: string
	targetType: string
	targetId: string | null
	summary: string | null
	before: string | null
	after: string | null
}

function ChangesTable({ changes, hasBefore }: { changes: AuditChange[]; hasBefore: boolean }) {
	return (
		<div className="mt-2 overflow-x-auto">
			<table className="min-w-full text-xs">
				<thead>
					<tr className="text-left text-gray-600">
						<th scope="col" className="py-1 pr-3 font-medium">字段</th>
						{hasBefore ? <th scope="col" className="py-1 pr-3 font-medium">变更前</th> : null}
						<th scope="col" className="py-1 font-medium">{hasBefore ? '变更后' : '内容'}</th>
					</tr>
				</thead>
				<tbody className="divide-y divide-gray-100">
					{changes.map((change) => (
						<tr key={change.field}>
							<th scope="row" className="py-1 pr-3 text-left align-top font-normal text-gray-700">{change.label}</th>
							{hasBefore ? <td className="py-1 pr-3 align-top break-all text-gray-700">{shorten(change.before)}</td> : null}
							<td className="py-1 align-top break-all">{shorten(change.after)}</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

export function AuditEntryRow({ entry, highlighted = false }: { entry: AuditEntryView; highlighted?: boolean }) {
	const changes = auditChanges(entry.before, entry.after, OTHER_VALUE_LABELS)
	const hasBefore = entry.before !== null
	return (
		<tr className={highlighted ? 'bg-red-50' : undefined} data-entry-id={entry.id}>
			<td className="px-3 py-2 align-top font-mono text-xs text-gray-600">#{entry.id}</td>
			<td className="px-3 py-2 align-top whitespace-nowrap">{formatDateTimeSeconds(entry.createdAt)}</td>
			<td className="px-3 py-2 align-top">
				{entry.actorName ?? '系统'}
				{entry.actorUsername ? <span className="ml-1 text-xs text-gray-600">{entry.actorUsername}</span> : null}
			</td>
			<td className="px-3 py-2 align-top">{auditActionLabel(entry.action)}</td>
			<td className="px-3 py-2 align-top">
				<p>{entry.summary}</p>
				{changes.length ? (
					<details className="mt-1">
						<summary className="cursor-pointer text-xs text-brand-700">{hasBefore ? '变更前后' : '记录内容'}</summary>
						<ChangesTable changes={changes} hasBefore={hasBefore} />
						<p className="mt-1 text-xs text-gray-600">
							对象：{auditTargetLabel(entry.targetType)}
							{entry.targetId ? `（编号 ${entry.targetId}）` : ''}
						</p>
					</details>
				) : null}
			</td>
		</tr>
	)
}
